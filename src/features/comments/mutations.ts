// Comment writes: a new comment, status changes, edits, deletions, the rules and reply-email opt-outs.
// Callers check permissions first (moderation/commands.ts) or apply the submission rules (submission.ts).
import "server-only";
import { createHmac } from "node:crypto";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import type { CommentStatus } from "@/generated/prisma/enums";
import { getCommentSettings } from "./data";
import { EMPTY_AFTER_DAYS } from "./constants";
import { COMMENT_SETTINGS_KEY, commentSettingsSchema, type CommentSettings } from "./schema";
import { UserFacingError } from "@/lib/errors";

/** The cache tags of reader pages showing these posts' threads. */
export function publicTagsFor(posts: { id: string; slug: string }[]): string[] {
  return [tags.allComments, ...new Set(posts.flatMap((post) => [tags.comments(post.id), tags.post(post.slug)]))];
}

/** The comment was erased or emptied from the trash while the editor was looking at it. */
export class CommentGoneError extends UserFacingError {
  constructor() {
    super("That comment no longer exists: it was erased or emptied from the trash meanwhile.");
  }
}

const PRISMA_RECORD_NOT_FOUND = "P2025";

export async function insertComment(data: {
  postId: string;
  parentId: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  userId: string | null;
  body: string;
  status: CommentStatus;
  heldReason: string | null;
  ipHash: string | null;
  notifyReplies: boolean;
  now: Date;
}): Promise<{ id: string }> {
  const { now, ...fields } = data;
  return db().comment.create({ data: { ...fields, createdAt: now, statusChangedAt: now }, select: { id: true } });
}

/** Moves the comments not already in `status` there; returns those it moved, with their old status. */
export async function setCommentsStatus(ids: string[], status: CommentStatus, now: Date) {
  const targets = await db().comment.findMany({
    where: { id: { in: ids }, status: { not: status } },
    select: { id: true, status: true, post: { select: { id: true, slug: true } } },
  });
  if (targets.length === 0) return targets;
  await db().comment.updateMany({
    where: { id: { in: targets.map((target) => target.id) } },
    data: { status, statusChangedAt: now, ...(status === "APPROVED" ? { heldReason: null } : {}) },
  });
  return targets;
}

export async function updateCommentText(input: { commentId: string; authorName: string; authorUrl?: string; body: string }) {
  return db()
    .comment.update({
      where: { id: input.commentId },
      data: { authorName: input.authorName, authorUrl: input.authorUrl ?? null, body: input.body },
      select: { status: true, post: { select: { id: true, slug: true } } },
    })
    .catch((error: unknown) => {
      throw (error as { code?: string }).code === PRISMA_RECORD_NOT_FOUND ? new CommentGoneError() : error;
    });
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

/** Deletes every comment written with this address; returns the deleted ones' status and post. */
export async function deleteCommentsByAddress(address: string) {
  const comments = await db().comment.findMany({
    where: { authorEmail: { equals: address, mode: "insensitive" } },
    select: { id: true, status: true, post: { select: { id: true, slug: true } } },
  });
  const deleted = await deleteComments(comments.map((comment) => comment.id));
  return { deleted, comments };
}

/** A keyed hash, so the audit log proves an erasure without keeping the address. */
export function erasedAddressKey(address: string): string {
  return createHmac("sha256", process.env.NEXTAUTH_SECRET ?? "").update(address).digest("hex");
}

/** Deletes spam and trash that has sat there for 30 days. */
export async function emptyOldSpamAndTrash(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - EMPTY_AFTER_DAYS * 24 * 60 * 60 * 1000);
  const old = await db().comment.findMany({
    where: { status: { in: ["SPAM", "TRASH"] }, statusChangedAt: { lt: cutoff } },
    select: { id: true },
  });
  return deleteComments(old.map((comment) => comment.id));
}

/** Saves the comment rules over the stored ones; throws a ZodError naming any bad value. */
export async function storeCommentSettings(changes: Partial<CommentSettings>): Promise<CommentSettings> {
  const merged = commentSettingsSchema.parse({ ...(await getCommentSettings()), ...changes });
  await db().setting.upsert({
    where: { key: COMMENT_SETTINGS_KEY },
    create: { key: COMMENT_SETTINGS_KEY, value: merged },
    update: { value: merged },
  });
  return merged;
}

/** One-click unsubscribe: no more reply emails for any comment written with that comment's address. */
export async function stopReplyNotifications(commentId: string): Promise<boolean> {
  const comment = await db().comment.findUnique({ where: { id: commentId }, select: { authorEmail: true } });
  if (!comment) return false;
  await db().comment.updateMany({ where: { authorEmail: comment.authorEmail }, data: { notifyReplies: false } });
  return true;
}

export async function recordPendingSummarySent(key: string, now: Date): Promise<void> {
  await db().setting.upsert({ where: { key }, create: { key, value: now.toISOString() }, update: { value: now.toISOString() } });
}
