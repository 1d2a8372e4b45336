import "server-only";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
import { publishedOnly, readerVisibleSql } from "@/features/posts/reader-visibility";
import { renderCommentMarkdown } from "@/lib/markdown";
import type { CommentStatus } from "@/generated/prisma/enums";
import { COMMENT_SETTINGS_KEY, commentSettingsSchema, type CommentSettings } from "./schema";

/** Stored settings over the defaults; an invalid stored value falls back to the defaults. */
export function parseCommentSettings(stored: unknown): CommentSettings {
  const parsed = commentSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : commentSettingsSchema.parse({});
}

export async function getCommentSettings(): Promise<CommentSettings> {
  const row = await db().setting.findUnique({ where: { key: COMMENT_SETTINGS_KEY } });
  return parseCommentSettings(row?.value);
}

export function commentsClosedByAge(publishedAt: Date | null, closeAfterDays: number | null, now: Date): boolean {
  if (closeAfterDays === null || !publishedAt) return false;
  return now.getTime() - publishedAt.getTime() > closeAfterDays * 24 * 60 * 60 * 1000;
}

export type SubmissionContext = {
  post: { id: string; slug: string; isPublished: boolean; commentsOpen: boolean; publishedAt: Date | null } | null;
  parent: { postId: string; status: CommentStatus; depth: number } | null;
  isPostAuthor: boolean;
  isDuplicate: boolean;
  lastCommentAt: Date | null;
  hasApprovedComment: boolean;
  settings: CommentSettings;
};

type SubmissionRow = {
  postId: string;
  slug: string;
  readerVisible: boolean;
  publishedAt: Date | null;
  commentsOpen: boolean;
  isPostAuthor: boolean;
  parentPostId: string | null;
  parentStatus: CommentStatus | null;
  parentDepth: number | null;
  isDuplicate: boolean;
  lastCommentAt: Date | null;
  hasApprovedComment: boolean;
  settings: unknown;
};

/** Everything the submission rules need, in one query. */
export async function gatherSubmissionContext(input: {
  postId: string;
  parentId: string | null;
  authorEmail: string;
  body: string;
  ipHash: string | null;
  userId: string | null;
}): Promise<SubmissionContext> {
  const { postId, parentId, authorEmail, body, ipHash, userId } = input;
  const rows = await db().$queryRaw<SubmissionRow[]>`
    WITH RECURSIVE ancestry AS (
      SELECT id, "parentId", "postId", status, 1 AS depth FROM "Comment" WHERE id = ${parentId}::text
      UNION ALL
      SELECT c.id, c."parentId", c."postId", c.status, a.depth + 1
      FROM "Comment" c JOIN ancestry a ON c.id = a."parentId" WHERE a.depth < 100
    )
    SELECT
      p.id AS "postId", p.slug, ${readerVisibleSql("p")} AS "readerVisible", p."publishedAt", p."commentsOpen",
      EXISTS (
        SELECT 1 FROM "PostAuthor" pa JOIN "AuthorProfile" ap ON ap.id = pa."profileId"
        WHERE pa."postId" = p.id AND ap."userId" = ${userId}::text
      ) AS "isPostAuthor",
      (SELECT "postId" FROM ancestry WHERE depth = 1) AS "parentPostId",
      (SELECT status FROM ancestry WHERE depth = 1) AS "parentStatus",
      (SELECT max(depth)::int FROM ancestry) AS "parentDepth",
      EXISTS (
        SELECT 1 FROM "Comment" d
        WHERE d."postId" = p.id AND d."parentId" IS NOT DISTINCT FROM ${parentId}::text
          AND d."authorEmail" = ${authorEmail} AND d.body = ${body}
      ) AS "isDuplicate",
      (
        SELECT max(l."createdAt") FROM "Comment" l
        WHERE l."authorEmail" = ${authorEmail} OR l."ipHash" = ${ipHash}::text
      ) AS "lastCommentAt",
      EXISTS (
        SELECT 1 FROM "Comment" a WHERE a."authorEmail" = ${authorEmail} AND a.status = 'APPROVED'
      ) AS "hasApprovedComment",
      (SELECT value FROM "Setting" WHERE key = ${COMMENT_SETTINGS_KEY}) AS settings
    FROM (SELECT 1) AS one
    LEFT JOIN "Post" p ON p.id = ${postId}`;
  const row = rows[0];
  const settings = parseCommentSettings(row?.settings);
  if (!row?.postId) {
    return { post: null, parent: null, isPostAuthor: false, isDuplicate: false, lastCommentAt: null, hasApprovedComment: false, settings };
  }
  return {
    post: {
      id: row.postId,
      slug: row.slug,
      isPublished: row.readerVisible,
      commentsOpen: row.commentsOpen,
      publishedAt: row.publishedAt,
    },
    parent:
      row.parentPostId && row.parentStatus && row.parentDepth !== null
        ? { postId: row.parentPostId, status: row.parentStatus, depth: row.parentDepth }
        : null,
    isPostAuthor: row.isPostAuthor,
    isDuplicate: row.isDuplicate,
    lastCommentAt: row.lastCommentAt,
    hasApprovedComment: row.hasApprovedComment,
    settings,
  };
}

// ---------- the public thread ----------

/** Only public fields: never the email, IP hash or held reason. */
const publicCommentSelect = {
  id: true,
  parentId: true,
  authorName: true,
  authorUrl: true,
  body: true,
  createdAt: true,
} as const;

/** A comment as the public may see it; `body` is markdown, rendered inert by the thread. */
export type PublicComment = {
  id: string;
  parentId: string | null;
  authorName: string;
  authorUrl: string | null;
  body: string;
  createdAt: Date;
};

export type CommentNode<T extends PublicComment = PublicComment> = T & { replies: CommentNode<T>[] };

/** Builds the reply tree; a reply whose parent is not shown is placed at the top level. */
export function nestComments<T extends PublicComment>(comments: T[]): CommentNode<T>[] {
  const nodes = new Map(comments.map((comment) => [comment.id, { ...comment, replies: [] as CommentNode<T>[] }]));
  const roots: CommentNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.replies.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The approved comments of a post, oldest first. Cached. */
export async function listApprovedComments(postId: string): Promise<PublicComment[]> {
  "use cache";
  cacheForReaders(tags.allComments, tags.comments(postId));
  return db().comment.findMany({
    where: { postId, status: "APPROVED" },
    orderBy: { createdAt: "asc" },
    select: publicCommentSelect,
  });
}

/** An approved comment on a published post, for the page that takes a reply to it without JavaScript. */
export async function findReplyTarget(postSlug: string, commentId: string) {
  "use cache";
  cacheForReaders(tags.allComments, tags.posts, tags.post(postSlug));
  return db().comment.findFirst({
    where: { id: commentId, status: "APPROVED", post: { slug: postSlug, ...publishedOnly } },
    select: { ...publicCommentSelect, post: { select: { id: true, slug: true, title: true } } },
  });
}

export async function getThreadSettings(): Promise<Pick<CommentSettings, "maxDepth" | "closeAfterDays">> {
  "use cache";
  cacheForReaders(tags.commentSettings);
  const { maxDepth, closeAfterDays } = await getCommentSettings();
  return { maxDepth, closeAfterDays };
}

/** Whether a post takes comments now: its own switch, and the site's close-after-N-days setting. Cached. */
export async function getCommentsOpen(postId: string): Promise<boolean> {
  "use cache";
  cacheForReaders(tags.posts, tags.commentSettings);
  const [post, settings] = await Promise.all([
    db().post.findFirst({ where: { id: postId, ...publishedOnly }, select: { commentsOpen: true, publishedAt: true } }),
    getCommentSettings(),
  ]);
  if (!post || !post.commentsOpen) return false;
  return !commentsClosedByAge(post.publishedAt, settings.closeAfterDays, new Date());
}

/** The comments this browser submitted that still await a decision (held or silently spammed). */
export async function listOwnPendingComments(
  postId: string,
  ids: string[],
): Promise<(PublicComment & { parent: { authorName: string } | null })[]> {
  if (ids.length === 0) return [];
  return db().comment.findMany({
    where: { postId, id: { in: ids }, status: { in: ["PENDING", "SPAM"] } },
    orderBy: { createdAt: "asc" },
    select: { ...publicCommentSelect, parent: { select: { authorName: true } } },
  });
}

/** Which of the remembered ids still await moderation anywhere (to keep the cookie short). */
export async function filterStillPending(ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db().comment.findMany({
    where: { id: { in: ids }, status: { in: ["PENDING", "SPAM"] } },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

// ---------- the moderation queue ----------

export async function countPendingComments(): Promise<number> {
  return db().comment.count({ where: { status: "PENDING" } });
}

export async function countCommentsByStatus(): Promise<Record<CommentStatus, number>> {
  const groups = await db().comment.groupBy({ by: ["status"], _count: { _all: true } });
  const counts: Record<CommentStatus, number> = { PENDING: 0, APPROVED: 0, SPAM: 0, TRASH: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

export const QUEUE_PAGE_SIZE = 50;

export type QueueComment = {
  id: string;
  body: string;
  html: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  status: CommentStatus;
  heldReason: string | null;
  createdAt: Date;
  parentAuthorName: string | null;
  post: { id: string; slug: string; title: string };
  ipHistory: { approved: number; spam: number } | null;
};

export async function listModerationQueue(status: CommentStatus, page = 1): Promise<{ comments: QueueComment[]; total: number }> {
  const where = { status };
  const [rows, total] = await Promise.all([
    db().comment.findMany({
      where,
      orderBy: { createdAt: status === "PENDING" ? "asc" : "desc" },
      skip: (page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
      select: {
        id: true,
        body: true,
        authorName: true,
        authorEmail: true,
        authorUrl: true,
        status: true,
        heldReason: true,
        createdAt: true,
        ipHash: true,
        parent: { select: { authorName: true } },
        post: { select: { id: true, slug: true, title: true } },
      },
    }),
    db().comment.count({ where }),
  ]);
  const history = await ipHistoryFor(rows.map((row) => row.ipHash).filter((hash): hash is string => hash !== null));
  return {
    total,
    comments: rows.map((row) => ({
      id: row.id,
      body: row.body,
      html: renderCommentMarkdown(row.body),
      authorName: row.authorName,
      authorEmail: row.authorEmail,
      authorUrl: row.authorUrl,
      status: row.status,
      heldReason: row.heldReason,
      createdAt: row.createdAt,
      parentAuthorName: row.parent?.authorName ?? null,
      post: row.post,
      ipHistory: row.ipHash ? (history.get(row.ipHash) ?? { approved: 0, spam: 0 }) : null,
    })),
  };
}

/** How many approved and spam comments came from each IP hash. */
export async function ipHistoryFor(ipHashes: string[]): Promise<Map<string, { approved: number; spam: number }>> {
  const history = new Map<string, { approved: number; spam: number }>();
  if (ipHashes.length === 0) return history;
  const groups = await db().comment.groupBy({
    by: ["ipHash", "status"],
    where: { ipHash: { in: [...new Set(ipHashes)] }, status: { in: ["APPROVED", "SPAM"] } },
    _count: { _all: true },
  });
  for (const group of groups) {
    if (!group.ipHash) continue;
    const entry = history.get(group.ipHash) ?? { approved: 0, spam: 0 };
    if (group.status === "APPROVED") entry.approved = group._count._all;
    else entry.spam = group._count._all;
    history.set(group.ipHash, entry);
  }
  return history;
}

export async function findCommentForEditing(id: string) {
  return db().comment.findUnique({
    where: { id },
    select: { id: true, authorName: true, authorUrl: true, body: true, status: true, post: { select: { title: true, slug: true } } },
  });
}

// ---------- notifications ----------

/** Approved comments with what their emails need: the post's authors' logins and the parent's opt-in. */
export async function listApprovedCommentsForNotification(ids: string[]) {
  return db().comment.findMany({
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
}

export async function findSettingTime(key: string): Promise<Date | null> {
  const stored = await db().setting.findUnique({ where: { key } });
  return typeof stored?.value === "string" ? new Date(stored.value) : null;
}

/** Comments held since `after` (oldest first, at most 50) and how many are held in all. */
export async function listNewlyHeldComments(after: Date, until: Date) {
  const [fresh, totalPending] = await Promise.all([
    db().comment.findMany({
      where: { status: "PENDING", createdAt: { gt: after, lte: until } },
      orderBy: { createdAt: "asc" },
      take: 50,
      select: { id: true, authorName: true, body: true, heldReason: true, post: { select: { title: true } } },
    }),
    countPendingComments(),
  ]);
  return { fresh, totalPending };
}

/** The comment an editor replies to, whatever its status. */
export async function findReplyParent(id: string) {
  return db().comment.findUnique({
    where: { id },
    select: { id: true, status: true, postId: true, post: { select: { id: true, slug: true } } },
  });
}
