import { createHmac } from "node:crypto";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { sendMail, type OutgoingMail } from "@/lib/mail";
import { consumeRateLimit } from "@/lib/rate-limit";
import { assertRole, EDITOR_ROLES, type SessionUser } from "@/lib/auth";
import type { CommentStatus } from "@/generated/prisma/enums";
import { commentsClosedByAge, gatherSubmissionContext, getCommentSettings } from "./data";
import { countLinks, decideCommentStatus, findListMatch } from "./rules";
import { readFormToken } from "./signing";
import { EMPTY_AFTER_DAYS } from "./constants";
import { approvedCommentEmail, pendingSummaryEmail, replyNotificationEmail } from "./emails";
import {
  COMMENT_SETTINGS_KEY,
  commentSettingsSchema,
  SUBMIT_MESSAGES,
  type CommentSettings,
  type CommentSubmission,
  type ModerationAction,
} from "./schema";

export type SubmitCommentInput = {
  submission: CommentSubmission;
  /** The raw client IP: used for the lists and hashed for storage, never stored as is. */
  ip: string | null;
  ipHash: string | null;
  viewer: SessionUser | null;
  now?: Date;
};

export type SubmitRefusal = "no-post" | "bad-parent" | "too-deep" | "closed" | "duplicate" | "flood" | "rate-limited";

export type SubmitCommentResult =
  | { ok: false; refusal: SubmitRefusal; message: string; httpStatus: 400 | 403 | 404 | 409 | 429 }
  | { ok: true; commentId: string; status: "APPROVED" | "PENDING" | "SPAM"; reason: string | null; tagsToInvalidate: string[] };

const refusalMessages: Record<SubmitRefusal, { message: string; httpStatus: 400 | 403 | 404 | 409 | 429 }> = {
  "no-post": { message: SUBMIT_MESSAGES.noPost, httpStatus: 404 },
  "bad-parent": { message: SUBMIT_MESSAGES.badParent, httpStatus: 400 },
  "too-deep": { message: SUBMIT_MESSAGES.tooDeep, httpStatus: 400 },
  closed: { message: SUBMIT_MESSAGES.closed, httpStatus: 403 },
  duplicate: { message: SUBMIT_MESSAGES.duplicate, httpStatus: 409 },
  flood: { message: SUBMIT_MESSAGES.flood, httpStatus: 429 },
  "rate-limited": { message: SUBMIT_MESSAGES.rateLimited, httpStatus: 429 },
};

function refuse(refusal: SubmitRefusal): SubmitCommentResult {
  return { ok: false, refusal, ...refusalMessages[refusal] };
}

function secondsBetween(earlier: Date, later: Date): number {
  return (later.getTime() - earlier.getTime()) / 1000;
}

/** Applies the submission rules and stores the comment (unless refused). */
export async function submitComment(input: SubmitCommentInput): Promise<SubmitCommentResult> {
  const { submission, ip, ipHash, viewer } = input;
  const now = input.now ?? new Date();
  const parentId = submission.parentId ?? null;
  const context = await gatherSubmissionContext({
    postId: submission.postId,
    parentId,
    authorEmail: submission.authorEmail,
    body: submission.body,
    ipHash,
    userId: viewer?.id ?? null,
  });
  const { post, settings } = context;
  if (!post || !post.isPublished) return refuse("no-post");
  if (parentId) {
    if (!context.parent || context.parent.postId !== post.id || context.parent.status !== "APPROVED") return refuse("bad-parent");
    if (context.parent.depth >= settings.maxDepth) return refuse("too-deep");
  }
  const isPrivileged = viewer !== null && (EDITOR_ROLES.includes(viewer.role) || context.isPostAuthor);
  const rateLimited =
    !isPrivileged && ipHash !== null
      ? !(await consumeRateLimit(`comment:ip:${ipHash}`, { limit: settings.commentsPerHourPerIp, windowSeconds: 3600 }, now)).allowed
      : false;
  const token = readFormToken(submission.formToken);
  const listFields = [submission.authorName, submission.authorEmail, submission.authorUrl, submission.body, ip];
  const decision = decideCommentStatus({
    commentsOpen: post.commentsOpen && !commentsClosedByAge(post.publishedAt, settings.closeAfterDays, now),
    isDuplicate: context.isDuplicate,
    secondsSinceLastComment: context.lastCommentAt ? secondsBetween(context.lastCommentAt, now) : null,
    rateLimited,
    honeypotFilled: submission.honeypot.trim() !== "",
    secondsSinceFormRendered: token.present && !token.forged ? secondsBetween(token.renderedAt, now) : null,
    formTokenForged: token.present && token.forged,
    isPrivileged,
    disallowedMatch: findListMatch(settings.disallowedList, listFields),
    moderationMatch: findListMatch(settings.moderationList, listFields),
    linkCount: countLinks(submission.body),
    hasApprovedComment: context.hasApprovedComment,
    settings,
  });
  if (decision.status === "REFUSED") return refuse(decision.reason);

  const comment = await db().comment.create({
    data: {
      postId: post.id,
      parentId,
      authorName: submission.authorName,
      authorEmail: submission.authorEmail,
      authorUrl: submission.authorUrl ?? null,
      userId: viewer?.id ?? null,
      body: submission.body,
      status: decision.status,
      heldReason: decision.reason,
      ipHash,
      notifyReplies: submission.notifyReplies,
      createdAt: now,
      statusChangedAt: now,
    },
    select: { id: true },
  });
  if (decision.status === "APPROVED") await notifyAboutApprovedComments([comment.id]);
  return {
    ok: true,
    commentId: comment.id,
    status: decision.status,
    reason: decision.reason,
    tagsToInvalidate: decision.status === "APPROVED" ? publicTagsFor([post]) : [],
  };
}

function publicTagsFor(posts: { id: string; slug: string }[]): string[] {
  return [tags.allComments, ...new Set(posts.flatMap((post) => [tags.comments(post.id), tags.post(post.slug)]))];
}

// ---------- moderation (EDITOR and ADMIN only) ----------

const statusForAction: Record<ModerationAction, CommentStatus> = {
  approve: "APPROVED",
  unapprove: "PENDING",
  spam: "SPAM",
  trash: "TRASH",
  restore: "PENDING",
};

const PRISMA_RECORD_NOT_FOUND = "P2025";

/** The comment was erased or emptied from the trash while the editor was looking at it. */
export class CommentGoneError extends Error {
  constructor() {
    super("That comment no longer exists: it was erased or emptied from the trash meanwhile.");
    this.name = "CommentGoneError";
  }
}

export type ModerationResult = { changed: number; tagsToInvalidate: string[] };

/** Moves comments to the status the action names; authors and readers are notified of approvals. */
export async function moderateComments(
  actor: SessionUser | null,
  ids: string[],
  action: ModerationAction,
  now = new Date(),
): Promise<ModerationResult> {
  assertRole(actor, EDITOR_ROLES);
  const status = statusForAction[action];
  const targets = await db().comment.findMany({
    where: { id: { in: ids }, status: { not: status } },
    select: { id: true, status: true, post: { select: { id: true, slug: true } } },
  });
  if (targets.length === 0) return { changed: 0, tagsToInvalidate: [] };
  await db().comment.updateMany({
    where: { id: { in: targets.map((target) => target.id) } },
    data: { status, statusChangedAt: now, ...(status === "APPROVED" ? { heldReason: null } : {}) },
  });
  if (status === "APPROVED") await notifyAboutApprovedComments(targets.map((target) => target.id));
  const publicChange = targets.filter((target) => target.status === "APPROVED" || status === "APPROVED");
  return { changed: targets.length, tagsToInvalidate: publicChange.length > 0 ? publicTagsFor(publicChange.map((target) => target.post)) : [] };
}

export async function editComment(
  actor: SessionUser | null,
  input: { commentId: string; authorName: string; authorUrl?: string; body: string },
): Promise<ModerationResult> {
  assertRole(actor, EDITOR_ROLES);
  const comment = await db()
    .comment.update({
      where: { id: input.commentId },
      data: { authorName: input.authorName, authorUrl: input.authorUrl ?? null, body: input.body },
      select: { status: true, post: { select: { id: true, slug: true } } },
    })
    .catch((error: unknown) => {
      throw (error as { code?: string }).code === PRISMA_RECORD_NOT_FOUND ? new CommentGoneError() : error;
    });
  return { changed: 1, tagsToInvalidate: comment.status === "APPROVED" ? publicTagsFor([comment.post]) : [] };
}

/** An editor's reply, published at once; replying to a held comment approves it too. */
export async function replyAsEditor(
  actor: SessionUser | null,
  input: { parentId: string; body: string },
  now = new Date(),
): Promise<ModerationResult & { commentId: string }> {
  const editor = assertRole(actor, EDITOR_ROLES);
  const parent = await db().comment.findUnique({
    where: { id: input.parentId },
    select: { id: true, status: true, postId: true, post: { select: { id: true, slug: true } } },
  });
  if (!parent) throw new CommentGoneError();
  if (parent.status !== "APPROVED") await moderateComments(editor, [parent.id], "approve", now);
  const reply = await db().comment.create({
    data: {
      postId: parent.postId,
      parentId: parent.id,
      authorName: editor.displayName ?? "Editor",
      authorEmail: editor.email,
      userId: editor.id,
      body: input.body,
      status: "APPROVED",
      createdAt: now,
      statusChangedAt: now,
    },
    select: { id: true },
  });
  await notifyAboutApprovedComments([reply.id]);
  return { changed: 1, commentId: reply.id, tagsToInvalidate: publicTagsFor([parent.post]) };
}

/**
 * Before comments are deleted, their replies from other people move up to the nearest surviving
 * ancestor, so deleting one comment never takes a conversation with it.
 */
async function liftRepliesOf(ids: string[]): Promise<void> {
  for (let pass = 0; pass < 100; pass++) {
    const moved = await db().$executeRaw`
      UPDATE "Comment" AS child SET "parentId" = dead."parentId"
      FROM "Comment" AS dead
      WHERE child."parentId" = dead.id AND dead.id = ANY(${ids}::text[]) AND NOT (child.id = ANY(${ids}::text[]))`;
    if (moved === 0) return;
  }
}

async function deleteComments(ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  await liftRepliesOf(ids);
  const result = await db().comment.deleteMany({ where: { id: { in: ids } } });
  return result.count;
}

/** Privacy request: deletes every comment written with this email address, and records that it was done. */
export async function eraseCommenter(actor: SessionUser | null, email: string): Promise<ModerationResult> {
  const editor = assertRole(actor, EDITOR_ROLES);
  const address = email.trim().toLowerCase();
  const comments = await db().comment.findMany({
    where: { authorEmail: { equals: address, mode: "insensitive" } },
    select: { id: true, status: true, post: { select: { id: true, slug: true } } },
  });
  const deleted = await deleteComments(comments.map((comment) => comment.id));
  await db().auditLog.create({
    data: {
      actorId: editor.id,
      action: "comments.erase-commenter",
      entityType: "Commenter",
      // A keyed hash, so the log proves the erasure without keeping the address.
      entityId: createHmac("sha256", process.env.NEXTAUTH_SECRET ?? "").update(address).digest("hex"),
      details: { deletedComments: deleted },
    },
  });
  const published = comments.filter((comment) => comment.status === "APPROVED").map((comment) => comment.post);
  return { changed: deleted, tagsToInvalidate: published.length > 0 ? publicTagsFor(published) : [] };
}

// ---------- notifications ----------

async function sendEach(messages: OutgoingMail[]): Promise<void> {
  for (const message of messages) {
    try {
      await sendMail(message);
    } catch (error) {
      console.error(`Comment notification to one recipient failed: ${(error as Error).message}`);
    }
  }
}

/** Emails the post's authors about each newly approved comment, and the parent commenter if they asked. */
export async function notifyAboutApprovedComments(ids: string[]): Promise<void> {
  const comments = await db().comment.findMany({
    where: { id: { in: ids }, status: "APPROVED" },
    select: {
      id: true,
      authorName: true,
      authorEmail: true,
      body: true,
      userId: true,
      post: {
        select: {
          slug: true,
          title: true,
          authors: { select: { profile: { select: { user: { select: { id: true, email: true } } } } } },
        },
      },
      parent: { select: { id: true, authorEmail: true, notifyReplies: true, status: true } },
    },
  });
  const messages: OutgoingMail[] = [];
  for (const comment of comments) {
    const commenter = comment.authorEmail.toLowerCase();
    for (const { profile } of comment.post.authors) {
      const user = profile.user;
      if (!user || user.id === comment.userId || user.email.toLowerCase() === commenter) continue;
      messages.push(approvedCommentEmail(user.email, comment.post, comment));
    }
    const parent = comment.parent;
    if (parent && parent.notifyReplies && parent.status === "APPROVED" && parent.authorEmail.toLowerCase() !== commenter) {
      messages.push(replyNotificationEmail(parent.authorEmail, comment.post, parent.id, comment));
    }
  }
  await sendEach(messages);
}

/** One-click unsubscribe: no more reply emails for any comment written with that comment's address. */
export async function stopReplyNotifications(commentId: string): Promise<boolean> {
  const comment = await db().comment.findUnique({ where: { id: commentId }, select: { authorEmail: true } });
  if (!comment) return false;
  await db().comment.updateMany({ where: { authorEmail: comment.authorEmail }, data: { notifyReplies: false } });
  return true;
}

const PENDING_SUMMARY_KEY = "comments.pendingSummarySentAt";
const PENDING_SUMMARY_INTERVAL_MS = 60 * 60 * 1000;

/**
 * At most once an hour: emails every editor a summary of the comments held since the last summary.
 * Returns how many comments it summarised (0 when nothing was sent).
 */
export async function sendPendingCommentsSummary(now = new Date()): Promise<number> {
  const stored = await db().setting.findUnique({ where: { key: PENDING_SUMMARY_KEY } });
  const lastSentAt = typeof stored?.value === "string" ? new Date(stored.value) : null;
  if (lastSentAt && now.getTime() - lastSentAt.getTime() < PENDING_SUMMARY_INTERVAL_MS) return 0;
  const fresh = await db().comment.findMany({
    where: { status: "PENDING", createdAt: { gt: lastSentAt ?? new Date(0), lte: now } },
    orderBy: { createdAt: "asc" },
    take: 50,
    select: { id: true, authorName: true, body: true, heldReason: true, post: { select: { title: true } } },
  });
  if (fresh.length === 0) return 0;
  const [editors, totalPending] = await Promise.all([
    db().user.findMany({ where: { role: { in: EDITOR_ROLES } }, select: { email: true } }),
    db().comment.count({ where: { status: "PENDING" } }),
  ]);
  await db().setting.upsert({
    where: { key: PENDING_SUMMARY_KEY },
    create: { key: PENDING_SUMMARY_KEY, value: now.toISOString() },
    update: { value: now.toISOString() },
  });
  const items = fresh.map((comment) => ({ ...comment, postTitle: comment.post.title }));
  await sendEach(editors.map((editor) => pendingSummaryEmail(editor.email, items, totalPending)));
  return fresh.length;
}

// ---------- housekeeping ----------

/** Deletes spam and trash that has sat there for 30 days. */
export async function emptyOldSpamAndTrash(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - EMPTY_AFTER_DAYS * 24 * 60 * 60 * 1000);
  const old = await db().comment.findMany({
    where: { status: { in: ["SPAM", "TRASH"] }, statusChangedAt: { lt: cutoff } },
    select: { id: true },
  });
  return deleteComments(old.map((comment) => comment.id));
}

/** Saves the editor-tunable comment rules; throws a ZodError naming any bad value. */
export async function saveCommentSettings(actor: SessionUser | null, changes: Partial<CommentSettings>): Promise<CommentSettings> {
  assertRole(actor, EDITOR_ROLES);
  const merged = commentSettingsSchema.parse({ ...(await getCommentSettings()), ...changes });
  await db().setting.upsert({
    where: { key: COMMENT_SETTINGS_KEY },
    create: { key: COMMENT_SETTINGS_KEY, value: merged },
    update: { value: merged },
  });
  return merged;
}
