// A reader's comment: the submission rules (open, duplicate, flood, rate limit, honeypot, lists,
// links), then the comment stored as published, held or spam, and the emails an approval sends.
import "server-only";
import type { SessionUser } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { consumeRateLimit } from "@/lib/rate-limit";
import { commentsClosedByAge, gatherSubmissionContext } from "./data";
import { insertComment, publicTagsFor } from "./mutations";
import { notifyAboutApprovedComments } from "./notifications";
import { countLinks, decideCommentStatus, findListMatch } from "./rules";
import { SUBMIT_MESSAGES, type CommentSubmission } from "./schema";
import { readFormToken } from "./signing";
import { legalReasonsToHold } from "@/features/legal/data";

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
  const isPrivileged = viewer !== null && (can(viewer, "comments.moderate") || context.isPostAuthor);
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
  // The legal desk's rule comes after the others: a comment the rules would publish (anyone's, an editor's too) is held instead.
  const [legalReason] = decision.status === "APPROVED" ? await legalReasonsToHold([{ postId: post.id, authorName: submission.authorName, body: submission.body }]) : [null];
  const outcome = legalReason ? { status: "PENDING" as const, reason: legalReason } : decision;

  const comment = await insertComment({
    postId: post.id,
    parentId,
    authorName: submission.authorName,
    authorEmail: submission.authorEmail,
    authorUrl: submission.authorUrl ?? null,
    userId: viewer?.id ?? null,
    body: submission.body,
    status: outcome.status,
    heldReason: outcome.reason,
    ipHash,
    notifyReplies: submission.notifyReplies,
    now,
  });
  if (outcome.status === "APPROVED") await notifyAboutApprovedComments([comment.id]);
  return {
    ok: true,
    commentId: comment.id,
    status: outcome.status,
    reason: outcome.reason,
    tagsToInvalidate: outcome.status === "APPROVED" ? publicTagsFor([post]) : [],
  };
}
