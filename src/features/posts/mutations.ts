// Post writes: content saves (each keeps a revision), lifecycle moves, series order, and the
// scheduled-publishing sweep. Callers check permissions first (src/features/editorial/commands.ts).
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { invalidateTags } from "@/lib/revalidate";
import { renderPostMarkdown } from "@/lib/markdown";
import type { PostStatus } from "@/generated/prisma/enums";
import { refreshPostSearchDocuments } from "@/features/search/mutations";
import { recordAudit } from "@/features/editorial/mutations";
import { notifyAuthorsOfDecision } from "@/features/editorial/notifications";
import type { PostFields } from "./schema";
import { slugify } from "./slugify";

/** The slug belongs to another post: the form shows this on the slug field. */
export class SlugTakenError extends Error {
  constructor(readonly slug: string) {
    super(`Another post already uses the slug “${slug}”. Choose a different one.`);
    this.name = "SlugTakenError";
  }
}

/** The post moved on (someone else submitted, published or reviewed it) since the page was loaded. */
export class StalePostStateError extends Error {
  constructor() {
    super("This post changed in the meantime (another person may have acted on it). Reload the page and try again.");
    this.name = "StalePostStateError";
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

export async function createDraftPost(input: { title: string; profileId: string; userId: string; seriesId?: string | null }) {
  const slug = await uniqueSlug(slugify(input.title));
  const post = await db().post.create({
    data: {
      title: input.title,
      slug,
      createdById: input.userId,
      seriesId: input.seriesId ?? null,
      authors: { create: { profileId: input.profileId, position: 0 } },
      revisions: { create: { title: input.title, bodyMarkdown: "", authorId: input.userId } },
    },
    select: { id: true, slug: true },
  });
  await refreshPostSearchDocuments([post.id]);
  return post;
}

async function tagIdsFor(names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const slug = slugify(name);
    if (!slug) continue;
    const tag = await db().tag.upsert({ where: { slug }, update: {}, create: { slug, name }, select: { id: true } });
    if (!ids.includes(tag.id)) ids.push(tag.id);
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
      await tx.redirect.deleteMany({ where: { fromPath: postPath(fields.slug) } });
      if (wasPublic) {
        await tx.redirect.upsert({
          where: { fromPath: postPath(current.slug) },
          update: { postId },
          create: { fromPath: postPath(current.slug), postId },
        });
      }
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

export async function markPublished(postId: string, now = new Date()) {
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

/** Numbers the series 1, 2, 3… in the given order; posts left out follow, keeping their order. */
export async function reorderSeriesPosts(seriesId: string, postIds: string[]) {
  const series = await db().series.findUniqueOrThrow({
    where: { id: seriesId },
    select: { slug: true, posts: { select: { id: true }, orderBy: [{ seriesPosition: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }] } },
  });
  const members = series.posts.map((post) => post.id);
  const named = [...new Set(postIds.filter((id) => members.includes(id)))];
  const ordered = [...named, ...members.filter((id) => !named.includes(id))];
  await db().$transaction(ordered.map((id, index) => db().post.update({ where: { id }, data: { seriesPosition: index + 1 } })));
  return { tagsToInvalidate: [tags.site, tags.allSeries, tags.series(series.slug), tags.posts] };
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

/** Publishes every SCHEDULED post due by `now` (also those missed while Docket was stopped); returns their slugs. */
export async function publishDueScheduledPosts(now: Date): Promise<string[]> {
  const due = await db().post.findMany({
    where: { status: "SCHEDULED", scheduledFor: { lte: now } },
    orderBy: { scheduledFor: "asc" },
    select: { id: true, slug: true, scheduledFor: true },
  });
  const published: { id: string; slug: string }[] = [];
  for (const post of due) {
    // Guarded by status, so two workers sweeping at once publish (and notify) each post only once.
    const { count } = await db().post.updateMany({
      where: { id: post.id, status: "SCHEDULED" },
      data: { status: "PUBLISHED", publishedAt: publicationTimeFor(post.scheduledFor, now), scheduledFor: null },
    });
    if (count === 0) continue;
    published.push(post);
    await recordAudit({ actorId: null, action: "post.published-on-schedule", entityType: "Post", entityId: post.id, details: { scheduledFor: post.scheduledFor?.toISOString() ?? null } });
  }
  if (published.length === 0) return [];
  await invalidateTags(readerTagsFor(published.map((post) => post.slug)));
  for (const post of published) await notifyAuthorsOfDecision(post.id, "published");
  return published.map((post) => post.slug);
}
