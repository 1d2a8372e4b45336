// Post writes: content saves (each keeps a revision), lifecycle moves, series order, and the search
// documents. Callers check permissions first (commands.ts).
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { PostStatus } from "@/generated/prisma/enums";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { InputError, UserFacingError } from "@/lib/errors";
import { renderPostMarkdown } from "@/lib/markdown";
import { keepOldAddress, releaseAddress } from "@/lib/redirect-table";
import { paths } from "@/lib/seo";
import { slugify } from "@/lib/slug";
import type { PostFields } from "./schema";

/** The slug belongs to another post: the form shows this on the slug field. */
export class SlugTakenError extends InputError {
  constructor(readonly slug: string) {
    const message = `Another post already uses the slug “${slug}”. Choose a different one.`;
    super(message, { slug: message });
  }
}

/** The post moved on (someone else submitted, published or reviewed it) since the page was loaded. */
export class StalePostStateError extends UserFacingError {
  constructor() {
    super("This post changed in the meantime (another person may have acted on it). Reload the page and try again.");
  }
}

const postPath = (slug: string) => `/posts/${slug}`;

/** Tags a reader page may carry for a post; invalidated whenever a visible post changes. */
export function readerTagsFor(slugs: string[]): string[] {
  return [tags.site, tags.posts, tags.allSeries, tags.authors, tags.categories, tags.postTags, ...slugs.map((slug) => tags.post(slug))];
}

/** `base`, or `base-2`, `base-3`…: the first no other post uses. */
export async function uniqueSlug(base: string, exceptPostId?: string): Promise<string> {
  const root = base || "untitled";
  for (let suffix = 1; ; suffix++) {
    const candidate = suffix === 1 ? root : `${root}-${suffix}`;
    const taken = await db().post.findUnique({ where: { slug: candidate }, select: { id: true } });
    if (!taken || taken.id === exceptPostId) return candidate;
  }
}

export async function createDraftPost(input: { title: string; profileId: string; userId: string; seriesId?: string | null; commentsOpen?: boolean }) {
  const slug = await uniqueSlug(slugify(input.title));
  const post = await db().post.create({
    data: {
      title: input.title,
      slug,
      createdById: input.userId,
      seriesId: input.seriesId ?? null,
      commentsOpen: input.commentsOpen ?? true,
      authors: { create: { profileId: input.profileId, position: 0 } },
      revisions: { create: { title: input.title, bodyMarkdown: "", authorId: input.userId } },
    },
    select: { id: true, slug: true },
  });
  await refreshPostSearchDocuments([post.id]);
  return post;
}

/** A tag renamed or merged away keeps its old address: its old name finds the tag it became. */
async function tagNowAt(slug: string): Promise<string | null> {
  const redirect = await db().redirect.findUnique({ where: { fromPath: paths.tag(slug) }, select: { targetType: true, targetId: true } });
  if (redirect?.targetType !== "TAG") return null;
  return (await db().tag.findUnique({ where: { id: redirect.targetId }, select: { id: true } }))?.id ?? null;
}

async function tagIdsFor(names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const slug = slugify(name);
    if (!slug) continue;
    const existing = await db().tag.findUnique({ where: { slug }, select: { id: true } });
    const id = existing?.id ?? (await tagNowAt(slug)) ?? (await db().tag.upsert({ where: { slug }, update: {}, create: { slug, name }, select: { id: true } })).id;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * Saves a post's content and keeps a revision when the text changed. Returns the reader cache tags
 * to invalidate (none while the post is not public).
 */
export async function savePostContent(postId: string, fields: PostFields, userId: string): Promise<{ slug: string; tagsToInvalidate: string[]; revisionCreated: boolean }> {
  const current = await db().post.findUniqueOrThrow({ where: { id: postId }, select: { slug: true, status: true } });
  const clash = await db().post.findUnique({ where: { slug: fields.slug }, select: { id: true } });
  if (clash && clash.id !== postId) throw new SlugTakenError(fields.slug);

  const rendered = renderPostMarkdown(fields.bodyMarkdown);
  const tagIds = await tagIdsFor(fields.tags);
  const latest = await db().revision.findFirst({ where: { postId }, orderBy: { createdAt: "desc" }, select: { title: true, standfirst: true, bodyMarkdown: true } });
  const standfirst = fields.standfirst || null;
  const textChanged = !latest || latest.title !== fields.title || (latest.standfirst ?? null) !== standfirst || latest.bodyMarkdown !== fields.bodyMarkdown;
  const wasPublic = current.status === "PUBLISHED";

  await db().$transaction(async (tx) => {
    await tx.post.update({
      where: { id: postId },
      data: {
        title: fields.title,
        slug: fields.slug,
        standfirst,
        bodyMarkdown: fields.bodyMarkdown,
        bodyHtml: rendered.html,
        excerpt: rendered.excerpt,
        readingMinutes: rendered.readingMinutes,
        categoryId: fields.categoryId ?? null,
        seriesId: fields.seriesId ?? null,
        seriesPosition: fields.seriesId ? fields.seriesPosition : null,
        coverImageUrl: fields.coverImageUrl ?? null,
        coverImageAlt: fields.coverImageUrl ? fields.coverImageAlt : null,
        commentsOpen: fields.commentsOpen,
      },
    });
    await tx.postTag.deleteMany({ where: { postId } });
    if (tagIds.length > 0) await tx.postTag.createMany({ data: tagIds.map((tagId) => ({ postId, tagId })) });
    if (fields.coAuthorIds.length > 0) {
      await tx.postAuthor.deleteMany({ where: { postId } });
      await tx.postAuthor.createMany({ data: fields.coAuthorIds.map((profileId, position) => ({ postId, profileId, position })) });
    }
    if (textChanged) {
      await tx.revision.create({ data: { postId, title: fields.title, standfirst, bodyMarkdown: fields.bodyMarkdown, authorId: userId } });
    }
    if (current.slug !== fields.slug) {
      if (wasPublic) await keepOldAddress(tx, { type: "POST", id: postId }, postPath(current.slug), postPath(fields.slug));
      else await releaseAddress(tx, postPath(fields.slug));
    }
  });
  await refreshPostSearchDocuments([postId]);

  const visible = wasPublic || current.status === "SCHEDULED";
  const tagsToInvalidate = visible ? [...readerTagsFor([current.slug, fields.slug]), tags.redirects] : [];
  return { slug: fields.slug, tagsToInvalidate, revisionCreated: textChanged };
}

/** Moves a post from one of `from` to a new state; refuses when it has moved on meanwhile. */
async function movePost(postId: string, from: PostStatus[], data: Parameters<ReturnType<typeof db>["post"]["update"]>[0]["data"]) {
  const { count } = await db().post.updateMany({ where: { id: postId, status: { in: from } }, data });
  if (count === 0) throw new StalePostStateError();
  return db().post.findUniqueOrThrow({ where: { id: postId }, select: { id: true, slug: true, title: true, status: true } });
}

export async function markSubmitted(postId: string, now = new Date()) {
  return movePost(postId, ["DRAFT", "CHANGES_REQUESTED"], { status: "SUBMITTED", submittedAt: now });
}

export async function markChangesRequested(postId: string, editorId: string, note: string) {
  const post = await movePost(postId, ["SUBMITTED", "SCHEDULED"], { status: "CHANGES_REQUESTED", scheduledFor: null });
  await addEditorialNote(postId, editorId, note);
  return post;
}

export async function addEditorialNote(postId: string, editorId: string, body: string) {
  return db().editorialNote.create({ data: { postId, authorId: editorId, body }, select: { id: true } });
}

export async function markScheduled(postId: string, when: Date) {
  return movePost(postId, ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "SCHEDULED", "UNPUBLISHED"], { status: "SCHEDULED", scheduledFor: when });
}

/**
 * Publication ends the post's preview links for good: they lead to the post while it is published and
 * nowhere once it is not (features/preview-links/data.ts).
 */
async function endPreviewLinks(postId: string, now: Date) {
  await db().previewLink.updateMany({ where: { postId, postPublishedAt: null }, data: { postPublishedAt: now } });
}

export async function markPublished(postId: string, now = new Date()) {
  await endPreviewLinks(postId, now);
  const existing = await db().post.findUniqueOrThrow({ where: { id: postId }, select: { publishedAt: true } });
  return movePost(postId, ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "SCHEDULED", "UNPUBLISHED"], {
    status: "PUBLISHED",
    publishedAt: existing.publishedAt ?? now,
    scheduledFor: null,
  });
}

export async function markUnpublished(postId: string) {
  return movePost(postId, ["PUBLISHED", "SCHEDULED"], { status: "UNPUBLISHED", scheduledFor: null });
}

/** Puts an old revision's text back; the restore itself becomes the newest revision. */
export async function restoreRevision(postId: string, revisionId: string, userId: string) {
  const revision = await db().revision.findFirst({ where: { id: revisionId, postId }, select: { title: true, standfirst: true, bodyMarkdown: true } });
  if (!revision) return null;
  const post = await db().post.findUniqueOrThrow({ where: { id: postId }, select: { slug: true, status: true } });
  const rendered = renderPostMarkdown(revision.bodyMarkdown);
  await db().$transaction([
    db().post.update({
      where: { id: postId },
      data: { title: revision.title, standfirst: revision.standfirst, bodyMarkdown: revision.bodyMarkdown, bodyHtml: rendered.html, excerpt: rendered.excerpt, readingMinutes: rendered.readingMinutes },
    }),
    db().revision.create({ data: { postId, title: revision.title, standfirst: revision.standfirst, bodyMarkdown: revision.bodyMarkdown, authorId: userId } }),
  ]);
  await refreshPostSearchDocuments([postId]);
  return { tagsToInvalidate: post.status === "PUBLISHED" || post.status === "SCHEDULED" ? readerTagsFor([post.slug]) : [] };
}

/**
 * On time, a post carries its scheduled time. One missed while Docket was stopped carries the moment
 * it really went out, so "latest posts" and the next digest window still pick it up.
 */
function publicationTimeFor(scheduledFor: Date | null, now: Date): Date {
  if (!scheduledFor) return now;
  return now.getTime() - scheduledFor.getTime() > LATE_PUBLICATION_TOLERANCE_MS ? now : scheduledFor;
}
const LATE_PUBLICATION_TOLERANCE_MS = 10 * 60 * 1000;

export async function listDueScheduledPosts(now: Date) {
  return db().post.findMany({
    where: { status: "SCHEDULED", scheduledFor: { lte: now } },
    orderBy: { scheduledFor: "asc" },
    select: { id: true, slug: true, scheduledFor: true },
  });
}

/** Publishes a due scheduled post; false when another worker got there first (guarded by status). */
export async function publishScheduledPost(post: { id: string; scheduledFor: Date | null }, now: Date): Promise<boolean> {
  const { count } = await db().post.updateMany({
    where: { id: post.id, status: "SCHEDULED" },
    data: { status: "PUBLISHED", publishedAt: publicationTimeFor(post.scheduledFor, now), scheduledFor: null },
  });
  if (count === 1) await endPreviewLinks(post.id, now);
  return count === 1;
}

// ---------- search documents ----------

// Post."searchVector" is what readers search: title (weight A), standfirst and bylines (B), body (C).
// Bylines are display names only: a pseudonymous author's real name must never be findable.
function searchDocumentUpdate(where: Prisma.Sql) {
  // Link targets, bare URLs and raw tags in the markdown are not words a reader searches for.
  return Prisma.sql`
    UPDATE "Post" AS p
    SET "searchVector" =
      setweight(to_tsvector('english', p.title), 'A') ||
      setweight(to_tsvector('english', coalesce(p.standfirst, '')), 'B') ||
      setweight(to_tsvector('english', coalesce((
        SELECT string_agg(ap."displayName", ' ' ORDER BY pa.position)
        FROM "PostAuthor" pa
        JOIN "AuthorProfile" ap ON ap.id = pa."profileId"
        WHERE pa."postId" = p.id
      ), '')), 'B') ||
      setweight(to_tsvector('english',
        regexp_replace(
          regexp_replace(
            regexp_replace(p."bodyMarkdown", '\\]\\([^)]*\\)', '] ', 'g'),
            'https?://[^\\s)>\\]]+', ' ', 'g'),
          '<[^>]*>', ' ', 'g')
      ), 'C')
    ${where}`;
}

/** Rebuilds the search document of the given posts, or of every post when no ids are given (in `client`'s transaction when given one). */
export async function refreshPostSearchDocuments(postIds?: string[], client: Pick<Prisma.TransactionClient, "$executeRaw"> = db()): Promise<number> {
  if (postIds && postIds.length === 0) return 0;
  const where = postIds ? Prisma.sql`WHERE p.id = ANY(${postIds}::text[])` : Prisma.empty;
  return client.$executeRaw(searchDocumentUpdate(where));
}

/** After a byline's display name changes: rebuilds the search document of every post it is on. */
export async function refreshAuthorSearchDocuments(profileId: string): Promise<number> {
  return db().$executeRaw(
    searchDocumentUpdate(
      Prisma.sql`WHERE p.id IN (SELECT "postId" FROM "PostAuthor" WHERE "profileId" = ${profileId})`,
    ),
  );
}
