// Writes of a WordPress import. Each post is written in one transaction with everything that belongs to it
// (bylines, tags, its revision, its comments, the links that let the next run find it, its old addresses
// and its search document), so a bad item is reported and the rest go on. Bylines and terms are created
// first, each with its link. Posts are saved the way every post is: markdown rendered to sanitized HTML by
// the one pipeline, a revision when the text changed, and the search document rebuilt.
import { holdLivePostsFailingGate } from "@/features/legal/mutations";
import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import type { CommentStatus, PostStatus } from "@/generated/prisma/enums";
import { db } from "@/lib/db";
import { uploadsStorage } from "@/lib/storage";
import { insertPosts, newRowId, replacePost, type NewPost } from "@/features/posts/store";
import { makePageRevisionLive, markPagePublished, markPageUnpublished, savePageRevision } from "@/features/pages/mutations";
import { changeMenu } from "@/features/menus/mutations";
import type { MenuItem } from "@/features/menus/schema";
import type { AuthorStep } from "./import/author-step";
import type { ImportReport } from "./import/report";

type Tx = Prisma.TransactionClient;

async function link(tx: Tx, siteUrl: string, kind: string, wpKey: string, docketId: string, checksum: string | null = null) {
  await tx.wordPressLink.upsert({
    where: { siteUrl_kind_wpKey: { siteUrl, kind, wpKey } },
    update: { docketId, checksum },
    create: { siteUrl, kind, wpKey, docketId, checksum },
  });
}

/** `base`, or the first of `base-2`, `base-3`… no byline has: every taken one read in one query. */
async function freeBylineSlug(tx: Tx, base: string): Promise<string> {
  const root = base || "untitled";
  const rows = await tx.authorProfile.findMany({ where: { OR: [{ slug: root }, { slug: { startsWith: `${root}-` } }] }, select: { slug: true } });
  const taken = new Set(rows.map((row) => row.slug));
  let suffix = 1;
  while (taken.has(suffix === 1 ? root : `${root}-${suffix}`)) suffix += 1;
  return suffix === 1 ? root : `${root}-${suffix}`;
}

// ---------- bylines and terms ----------

export type BylineInput = {
  siteUrl: string;
  login: string;
  /** The WordPress user id, when the export gives one (comments name their writer by it). */
  wpUserId: number | null;
  displayName: string;
  slug: string;
  bio: string;
  website: string | null;
  /** The Docket login with the same email address, if any. */
  user: { id: string; profileId: string | null } | null;
};

/** The byline a WordPress author becomes: the one an earlier run made, the matching login's, or a new one. */
export async function linkOrCreateByline(input: BylineInput): Promise<{ profileId: string; outcome: "imported" | "unchanged"; linkedToLogin: boolean }> {
  return db().$transaction(async (tx) => {
    const earlier = await tx.wordPressLink.findUnique({ where: { siteUrl_kind_wpKey: { siteUrl: input.siteUrl, kind: "author", wpKey: input.login } }, select: { docketId: true } });
    if (earlier && (await tx.authorProfile.findUnique({ where: { id: earlier.docketId }, select: { id: true } }))) {
      return { profileId: earlier.docketId, outcome: "unchanged" as const, linkedToLogin: false };
    }
    let profileId = input.user?.profileId ?? null;
    if (!profileId) {
      const profile = await tx.authorProfile.create({
        data: {
          slug: await freeBylineSlug(tx, input.slug),
          displayName: input.displayName,
          bio: input.bio,
          website: input.website,
          userId: input.user?.id ?? null,
        },
        select: { id: true },
      });
      profileId = profile.id;
    }
    await link(tx, input.siteUrl, "author", input.login, profileId);
    return { profileId, outcome: "imported" as const, linkedToLogin: input.user !== null };
  });
}

export type TermInput = { siteUrl: string; wpSlug: string; docketSlug: string; name: string; description: string; termId: number | null };

/** A category (found by slug if Docket already has it, else created), linked to the WordPress category. */
export async function linkOrCreateCategory(input: TermInput): Promise<{ id: string; outcome: "imported" | "unchanged"; merged: boolean }> {
  return db().$transaction(async (tx) => {
    const earlier = await tx.wordPressLink.findUnique({ where: { siteUrl_kind_wpKey: { siteUrl: input.siteUrl, kind: "category", wpKey: input.wpSlug } }, select: { docketId: true } });
    const existing = earlier ? await tx.category.findUnique({ where: { id: earlier.docketId }, select: { id: true } }) : null;
    if (existing) return { id: existing.id, outcome: "unchanged" as const, merged: false };
    const sameSlug = await tx.category.findUnique({ where: { slug: input.docketSlug }, select: { id: true } });
    const category = sameSlug ?? (await tx.category.create({ data: { slug: input.docketSlug, name: input.name, description: input.description }, select: { id: true } }));
    await link(tx, input.siteUrl, "category", input.wpSlug, category.id);
    return { id: category.id, outcome: "imported" as const, merged: sameSlug !== null };
  });
}

/** A tag (Docket's tag of the same slug if there is one), linked to the WordPress tag or category it comes from. */
export async function linkOrCreateTag(input: Omit<TermInput, "description" | "termId"> & { kind: "tag" | "category" }): Promise<{ id: string; outcome: "imported" | "unchanged" }> {
  return db().$transaction(async (tx) => {
    const linkKind = input.kind === "tag" ? "tag" : "category-tag";
    const earlier = await tx.wordPressLink.findUnique({ where: { siteUrl_kind_wpKey: { siteUrl: input.siteUrl, kind: linkKind, wpKey: input.wpSlug } }, select: { docketId: true } });
    const existing = earlier ? await tx.tag.findUnique({ where: { id: earlier.docketId }, select: { id: true } }) : null;
    if (existing) return { id: existing.id, outcome: "unchanged" as const };
    const tag = await tx.tag.upsert({ where: { slug: input.docketSlug }, update: {}, create: { slug: input.docketSlug, name: input.name }, select: { id: true } });
    await link(tx, input.siteUrl, linkKind, input.wpSlug, tag.id);
    return { id: tag.id, outcome: "imported" as const };
  });
}

export async function linkOrCreateSeries(input: Omit<TermInput, "termId">): Promise<{ id: string; outcome: "imported" | "unchanged"; merged: boolean }> {
  return db().$transaction(async (tx) => {
    const earlier = await tx.wordPressLink.findUnique({ where: { siteUrl_kind_wpKey: { siteUrl: input.siteUrl, kind: "series", wpKey: input.wpSlug } }, select: { docketId: true } });
    const existing = earlier ? await tx.series.findUnique({ where: { id: earlier.docketId }, select: { id: true } }) : null;
    if (existing) return { id: existing.id, outcome: "unchanged" as const, merged: false };
    const sameSlug = await tx.series.findUnique({ where: { slug: input.docketSlug }, select: { id: true } });
    const series = sameSlug ?? (await tx.series.create({ data: { slug: input.docketSlug, title: input.name, description: input.description }, select: { id: true } }));
    await link(tx, input.siteUrl, "series", input.wpSlug, series.id);
    return { id: series.id, outcome: "imported" as const, merged: sameSlug !== null };
  });
}

// ---------- posts ----------

export type ImportedComment = {
  wpId: number;
  /** The WordPress id of the comment it answers, or 0. */
  wpParent: number;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  userId: string | null;
  body: string;
  status: CommentStatus;
  ipHash: string | null;
  createdAt: Date;
};

export type ImportedPost = {
  siteUrl: string;
  wpId: number;
  checksum: string;
  fields: {
    slug: string;
    title: string;
    standfirst: string | null;
    bodyMarkdown: string;
    status: PostStatus;
    publishedAt: Date | null;
    scheduledFor: Date | null;
    submittedAt: Date | null;
    createdAt: Date;
    commentsOpen: boolean;
    coverImageUrl: string | null;
    coverImageAlt: string | null;
    categoryId: string | null;
    seriesId: string | null;
    seriesPosition: number | null;
  };
  authorIds: string[];
  tagIds: string[];
  /** In an order where every comment comes after the one it answers. */
  comments: ImportedComment[];
  /** Old paths (permalinks, their comment feeds, /wordpress-address/p/<id>) that should lead to this post. */
  redirectPaths: string[];
};

export type PostWriteResult = { outcome: "imported" | "updated"; postId: string; commentsImported: number; commentsUpdated: number; redirectsTaken: string[]; heldForLegalReasons: string[] };

/** An imported post as the post store takes it: its snapshot (bylines, tags and all), status and dates. */
function storeRowOf(post: ImportedPost): NewPost {
  const { status, publishedAt, scheduledFor, submittedAt, createdAt, ...snapshot } = post.fields;
  return {
    status,
    publishedAt,
    scheduledFor,
    submittedAt,
    createdAt,
    createdById: null,
    revisionAuthorId: null,
    snapshot: { ...snapshot, tagIds: post.tagIds, authorProfileIds: post.authorIds },
  };
}

const IMPORT_HOLD_REASON = "Imported from WordPress published, but it needs a legal reviewer's clearance: it holds a protected name or term, or is about an active case.";

/**
 * Writes one imported post and everything that belongs to it in one transaction: the post through the
 * post store (a new post with its revision, or a new revision of one imported before), then its
 * comments, the links that let the next run find them, and its old addresses.
 */
export async function writeImportedPost(post: ImportedPost, existingPostId: string | null): Promise<PostWriteResult> {
  const row = storeRowOf(post);
  return db().$transaction(async (tx) => {
    const existing = existingPostId ? await tx.post.findUnique({ where: { id: existingPostId }, select: { id: true } }) : null;
    let postId: string;
    let commentIds = new Map<number, string>();
    if (existing) {
      postId = existing.id;
      await replacePost(tx, postId, row);
      const links = await tx.wordPressLink.findMany({
        where: { siteUrl: post.siteUrl, kind: "comment", wpKey: { in: post.comments.map((comment) => String(comment.wpId)) } },
        select: { wpKey: true, docketId: true },
      });
      const existingComments = new Set((await tx.comment.findMany({ where: { id: { in: links.map((link) => link.docketId) } }, select: { id: true } })).map((comment) => comment.id));
      commentIds = new Map(links.filter((link) => existingComments.has(link.docketId)).map((link) => [Number(link.wpKey), link.docketId]));
    } else {
      [postId] = await insertPosts([row], tx);
    }
    const written = await writeCommentsAndLinks(tx, post, postId, commentIds);
    // The legal gate: a published post that a legal reviewer would have to clear arrives on hold.
    const held = row.status === "PUBLISHED" ? await holdLivePostsFailingGate(IMPORT_HOLD_REASON, [postId], tx) : [];
    return { outcome: existing ? ("updated" as const) : ("imported" as const), postId, ...written, heldForLegalReasons: held.flatMap((entry) => entry.reasons) };
  });
}

const quoted = (identifier: string) => `"${identifier}"`;
const COMMENT_COLUMNS = ["id", "postId", "parentId", "authorName", "authorEmail", "authorUrl", "userId", "body", "status", "ipHash", "createdAt", "statusChangedAt"];

/** An imported comment's columns, its parent found among the post's comments by WordPress id. */
function commentFields(comment: ImportedPost["comments"][number], ids: Map<number, string>) {
  return {
    parentId: comment.wpParent > 0 ? (ids.get(comment.wpParent) ?? null) : null,
    authorName: comment.authorName,
    authorEmail: comment.authorEmail,
    authorUrl: comment.authorUrl,
    userId: comment.userId,
    body: comment.body,
    status: comment.status,
    ipHash: comment.ipHash,
    createdAt: comment.createdAt,
    statusChangedAt: comment.createdAt,
  };
}

// New comments, the links for the post and its new comments, and the old addresses in one statement (a
// reply may name a parent inserted by the same statement: references are checked when it ends): an
// import writes tens of thousands. It also sets synchronous_commit off for the item's transaction: an
// import is re-runnable and each item's links are written with it, so a crash may lose the last few
// items, never leave one half-written, and the import need not wait for each commit to reach the disk.
const COMMENTS_AND_LINKS = `
  WITH
  post_comments AS (
    INSERT INTO "Comment" (${COMMENT_COLUMNS.map(quoted).join(", ")})
    SELECT ${COMMENT_COLUMNS.map((column) => `c.${quoted(column)}`).join(", ")} FROM json_populate_recordset(NULL::"Comment", $1::json) c
  ),
  post_links AS (
    INSERT INTO "WordPressLink" ("siteUrl", "kind", "wpKey", "docketId", "checksum", "updatedAt")
    SELECT $2, l.kind, l.key, l.target, l.checksum, now() FROM json_to_recordset($3::json) AS l(kind text, key text, target text, checksum text)
    ON CONFLICT ("siteUrl", "kind", "wpKey") DO UPDATE SET "docketId" = excluded."docketId", "checksum" = excluded."checksum", "updatedAt" = now()
  ),
  old_addresses AS (
    INSERT INTO "Redirect" ("id", "fromPath", "targetType", "targetId", "suffix", "createdAt")
    SELECT $4 || 'r' || ordinality, path, 'POST', $5, '', now() FROM unnest($6::text[]) WITH ORDINALITY AS o(path, ordinality)
    ON CONFLICT ("fromPath") DO NOTHING RETURNING "fromPath"
  )
  SELECT set_config('synchronous_commit', 'off', true) AS durability, coalesce((SELECT array_agg("fromPath") FROM old_addresses), '{}') AS added`;

/** A post's comments (those imported before updated, the rest added), its links and its old addresses. */
async function writeCommentsAndLinks(tx: Tx, post: ImportedPost, postId: string, commentIds: Map<number, string>) {
  const ids = new Map(commentIds);
  for (const comment of post.comments) if (!ids.has(comment.wpId)) ids.set(comment.wpId, newRowId());
  const created: Prisma.CommentCreateManyInput[] = [];
  const links: { kind: string; key: string; target: string; checksum: string | null }[] = [{ kind: "post", key: String(post.wpId), target: postId, checksum: post.checksum }];
  for (const comment of post.comments) {
    const id = ids.get(comment.wpId)!;
    if (commentIds.has(comment.wpId)) {
      await tx.comment.update({ where: { id }, data: commentFields(comment, ids) });
      continue;
    }
    created.push({ id, postId, ...commentFields(comment, ids) });
    links.push({ kind: "comment", key: String(comment.wpId), target: id, checksum: null });
  }
  const [{ added }] = await tx.$queryRawUnsafe<{ added: string[] }[]>(
    COMMENTS_AND_LINKS,
    JSON.stringify(created),
    post.siteUrl,
    JSON.stringify(links),
    newRowId(),
    postId,
    post.redirectPaths,
  );
  // Another post already answers at an old address: say so (the address keeps leading there).
  const redirectsTaken = post.redirectPaths.filter((path) => !added.includes(path));
  return { commentsImported: created.length, commentsUpdated: post.comments.length - created.length, redirectsTaken };
}

// ---------- pages ----------

export type ImportedPage = {
  siteUrl: string;
  wpId: number;
  checksum: string;
  title: string;
  /** Free and not one of Docket's own addresses (the caller chose it with uniquePageSlug). */
  slug: string;
  bodyMarkdown: string;
  /** From the excerpt; null keeps the page's own (none for a new page). */
  description: string | null;
  status: "PUBLISHED" | "DRAFT";
  publishedAt: Date | null;
  createdAt: Date;
  /** The Docket login of the page's WordPress author (same email address), if any. */
  userId: string | null;
  /** Old paths (the permalink, /wordpress-address/page_id/<id>) that should lead to this page. */
  redirectPaths: string[];
};

/**
 * Writes one imported page through the pages' own save path (sanitized HTML, a revision when the text
 * changed, an old address kept when a published page's slug changes), then its status and old addresses.
 * The link is written with the new row, so a run cut short never makes the page twice.
 */
export async function writeImportedPage(page: ImportedPage, existingPageId: string | null): Promise<{ outcome: "imported" | "updated"; pageId: string; redirectsTaken: string[] }> {
  const existing = existingPageId ? await db().page.findUnique({ where: { id: existingPageId }, select: { id: true, status: true, description: true } }) : null;
  let pageId: string;
  if (existing) pageId = existing.id;
  else {
    pageId = await db().$transaction(async (tx) => {
      const created = await tx.page.create({ data: { title: page.title, slug: page.slug, createdById: page.userId, createdAt: page.createdAt }, select: { id: true } });
      await link(tx, page.siteUrl, "page", String(page.wpId), created.id);
      return created.id;
    });
  }
  await savePageRevision({ pageId, title: page.title, slug: page.slug, description: page.description ?? existing?.description ?? "", bodyMarkdown: page.bodyMarkdown }, page.userId, null);
  const status = existing?.status ?? "DRAFT";
  // A page published before: the export's newer text goes live, as it was live on the old site.
  if (page.status === "PUBLISHED" && status === "PUBLISHED") await makePageRevisionLive(pageId, null);
  if (page.status === "PUBLISHED" && status !== "PUBLISHED") await markPagePublished(pageId, page.publishedAt ?? new Date());
  if (page.status === "DRAFT" && status === "PUBLISHED") await markPageUnpublished(pageId);

  const redirectsTaken: string[] = [];
  if (page.redirectPaths.length > 0) {
    await db().redirect.createMany({ data: page.redirectPaths.map((fromPath) => ({ fromPath, targetType: "PAGE" as const, targetId: pageId })), skipDuplicates: true });
    const others = await db().redirect.findMany({ where: { fromPath: { in: page.redirectPaths }, NOT: { targetType: "PAGE", targetId: pageId } }, select: { fromPath: true } });
    redirectsTaken.push(...others.map((row) => row.fromPath));
  }
  await db().wordPressLink.update({ where: { siteUrl_kind_wpKey: { siteUrl: page.siteUrl, kind: "page", wpKey: String(page.wpId) } }, data: { docketId: pageId, checksum: page.checksum } });
  return { outcome: existing ? "updated" : "imported", pageId, redirectsTaken };
}

// ---------- menus ----------

/** The header menu becomes `items`, replacing what it had. */
export async function replaceHeaderMenu(items: MenuItem[]): Promise<void> {
  await changeMenu("header", () => items);
}

/** Keeps an unchanged post's link (a later run compares against it) without touching the post. */
export async function recordLinks(rows: Prisma.WordPressLinkCreateManyInput[]): Promise<void> {
  for (const row of rows) {
    await db().wordPressLink.upsert({
      where: { siteUrl_kind_wpKey: { siteUrl: row.siteUrl, kind: row.kind, wpKey: row.wpKey } },
      update: { docketId: row.docketId, checksum: row.checksum ?? null },
      create: row,
    });
  }
}

// ---------- files ----------

/** Stores an imported document (PDF, office file…) as it is; images go through the media feature's re-encoding. */
export async function storeImportedDocument(bytes: Buffer, extension: string, mimeType: string): Promise<string> {
  const now = new Date();
  const key = `documents/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}/${randomBytes(12).toString("hex")}.${extension}`;
  await uploadsStorage().put(key, bytes, mimeType);
  const url = `/uploads/${key}`;
  await db().mediaAsset.create({ data: { path: url, mimeType, width: 0, height: 0, bytes: bytes.length } });
  return url;
}

// ---------- runs ----------

export async function startImportRun(input: { kind: string; source: string; dryRun: boolean; startedById: string | null }) {
  return db().importRun.create({ data: input, select: { id: true } });
}

export async function updateImportRun(id: string, progress: { done: number; total: number; siteUrl?: string }) {
  await db().importRun.update({ where: { id }, data: { ...progress, heartbeatAt: new Date() } });
}

/** Read through, nothing written: the run waits for the admin's author step, keeping its file. */
export async function waitForAuthorStep(id: string, step: AuthorStep) {
  await db().importRun.update({ where: { id }, data: { status: "WAITING", authorStep: step as Prisma.InputJsonValue, heartbeatAt: new Date() } });
}

/** Takes up a run waiting for its author step (false when it was not waiting: taken up already, or never). */
export async function resumeWaitingRun(id: string): Promise<boolean> {
  const { count } = await db().importRun.updateMany({ where: { id, status: "WAITING" }, data: { status: "RUNNING", authorStep: Prisma.DbNull, heartbeatAt: new Date() } });
  return count === 1;
}

export async function finishImportRun(id: string, result: { report: ImportReport | null; error: string | null }) {
  await db().importRun.update({
    where: { id },
    data: { status: result.error ? "FAILED" : "COMPLETED", report: (result.report ?? undefined) as Prisma.InputJsonValue | undefined, error: result.error, finishedAt: new Date(), heartbeatAt: new Date() },
  });
}
