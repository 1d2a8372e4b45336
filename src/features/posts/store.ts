// The post store: the one writer of Post, Revision, PostAuthor and PostTag and of everything derived
// from them (the rendered HTML, excerpt and reading time, the search document, the old address a slug
// change leaves), and the one place that says which reader cache tags a change touched. Lint keeps
// every other file from writing those tables (eslint.config.mjs, "post store").
//
// A revision is a snapshot of everything a reader sees of a post. The Post row's reader columns are one
// revision applied by applyRevision, the only function that writes them: the live revision
// (Post.liveRevisionId) while the post is published, the latest revision otherwise. So saving a
// published post adds a revision (its working copy) and changes nothing readers get until Update.
// Saves name the revision they started from; one that started from an older revision is refused
// (StaleBaseRevisionError) rather than written over another person's words.
import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import type { PostStatus } from "@/generated/prisma/enums";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { InputError, UserFacingError } from "@/lib/errors";
import { renderPostMarkdown } from "@/lib/markdown";
import { keepOldAddress, releaseAddress } from "@/lib/redirect-table";
import { paths } from "@/lib/seo";
import { slugify } from "@/lib/slug";
import { assertRevisionMayGoLive } from "@/features/legal/data";
import { decideSave, showsAtOnce } from "./revision-rules";
import { publishCorrectionsUpTo } from "./corrections/mutations";
import { publishRepliesUpTo } from "./replies/mutations";

type Tx = Prisma.TransactionClient;

/** Everything readers see of a post: what a revision holds and what applying it writes. */
export type PostSnapshot = {
  slug: string;
  title: string;
  standfirst: string | null;
  bodyMarkdown: string;
  categoryId: string | null;
  seriesId: string | null;
  seriesPosition: number | null;
  coverImageUrl: string | null;
  coverImageAlt: string | null;
  commentsOpen: boolean;
  /** Tag ids (order carries no meaning). */
  tagIds: string[];
  /** Byline profile ids, in byline order. */
  authorProfileIds: string[];
};

export const snapshotSelect = {
  slug: true,
  title: true,
  standfirst: true,
  bodyMarkdown: true,
  categoryId: true,
  seriesId: true,
  seriesPosition: true,
  coverImageUrl: true,
  coverImageAlt: true,
  commentsOpen: true,
  tagIds: true,
  authorProfileIds: true,
} satisfies Prisma.RevisionSelect;

export const revisionSelect = {
  ...snapshotSelect,
  id: true,
  number: true,
  createdAt: true,
  authorId: true,
  submittedAt: true,
  scheduledFor: true,
} satisfies Prisma.RevisionSelect;

export type StoredRevision = Prisma.RevisionGetPayload<{ select: typeof revisionSelect }>;

/** The snapshot in its one stored form: tags sorted, a position only in a series, alt text only with a cover. */
export function normalSnapshot(snapshot: PostSnapshot): PostSnapshot {
  return {
    slug: snapshot.slug,
    title: snapshot.title,
    standfirst: snapshot.standfirst || null,
    bodyMarkdown: snapshot.bodyMarkdown,
    categoryId: snapshot.categoryId ?? null,
    seriesId: snapshot.seriesId ?? null,
    seriesPosition: snapshot.seriesId ? (snapshot.seriesPosition ?? null) : null,
    coverImageUrl: snapshot.coverImageUrl ?? null,
    coverImageAlt: snapshot.coverImageUrl ? (snapshot.coverImageAlt ?? null) : null,
    commentsOpen: snapshot.commentsOpen,
    tagIds: [...new Set(snapshot.tagIds)].sort(),
    authorProfileIds: [...new Set(snapshot.authorProfileIds)],
  };
}

export function sameSnapshot(a: PostSnapshot, b: PostSnapshot): boolean {
  const [x, y] = [normalSnapshot(a), normalSnapshot(b)];
  return (Object.keys(x) as (keyof PostSnapshot)[]).every((key) => JSON.stringify(x[key]) === JSON.stringify(y[key]));
}

// ---------- errors ----------

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

/** A save that started from an older revision than the latest: the caller shows `latest` beside its own. */
export class StaleBaseRevisionError extends Error {
  constructor(readonly latest: StoredRevision) {
    super("The post was saved by someone else since this version was opened.");
  }
}

/** A markdown image that points at a file on the writer's computer: it can never be shown to readers. */
const LOCAL_FILE_IMAGE = /!\[[^\]]*\]\(\s*<?file:/i;

function assertStorable(snapshot: PostSnapshot) {
  if (LOCAL_FILE_IMAGE.test(snapshot.bodyMarkdown)) {
    const message = "An image points at a file on your computer (file:…), which readers cannot see. Upload the image instead.";
    throw new InputError(message, { bodyMarkdown: message });
  }
}

// ---------- reader cache tags ----------

/** Tags a reader page may carry for a post; invalidated whenever a visible post changes. */
export function readerTagsFor(slugs: string[]): string[] {
  return [tags.site, tags.posts, tags.allSeries, tags.authors, tags.categories, tags.postTags, ...slugs.map((slug) => tags.post(slug))];
}

/** A scheduled post shows in its series' "Next week" teaser; a published one everywhere. */
const isVisible = (status: PostStatus) => status === "PUBLISHED" || status === "SCHEDULED";

// ---------- reading inside a write ----------

/** `adopted`: the post had no revision until this lock gave it one (see lockPost). */
type LockedPost = { id: string; slug: string; status: PostStatus; liveRevisionId: string | null; publishedAt: Date | null; adopted?: boolean };

/**
 * The post, locked until the transaction ends: saves and status moves of one post happen one at a
 * time. A post written outside the store (by hand, say) is adopted: one with no revision gets one
 * holding what it shows, and a published one with no live revision recorded gets its latest.
 */
async function lockPost(tx: Tx, postId: string): Promise<LockedPost> {
  const [post] = await tx.$queryRaw<LockedPost[]>`
    SELECT id, slug, status::text AS status, "liveRevisionId", "publishedAt" FROM "Post" WHERE id = ${postId} FOR UPDATE`;
  if (!post) throw new InputError("This post no longer exists.");
  const adopted = (await tx.revision.count({ where: { postId } })) === 0;
  if (adopted) await adoptRow(tx, postId);
  if (post.status !== "PUBLISHED" || post.liveRevisionId) return { ...post, adopted };
  const latest = await latestRevision(tx, postId);
  // Bookkeeping only: written without touching updatedAt, which feeds and the sitemap show readers.
  await tx.$executeRaw`UPDATE "Post" SET "liveRevisionId" = ${latest.id} WHERE id = ${postId}`;
  return { ...post, liveRevisionId: latest.id, adopted };
}

/** A first revision holding exactly what a post written outside the store shows (as the working-copy migration made them). */
async function adoptRow(tx: Tx, postId: string) {
  await tx.$executeRaw`
    INSERT INTO "Revision" (id, "postId", number, title, standfirst, "bodyMarkdown", slug, "categoryId", "seriesId", "seriesPosition",
                            "coverImageUrl", "coverImageAlt", "commentsOpen", "tagIds", "authorProfileIds", "createdAt")
    SELECT ${newRowId()}, p.id, 1, p.title, p.standfirst, p."bodyMarkdown", p.slug, p."categoryId", p."seriesId", p."seriesPosition",
           p."coverImageUrl", p."coverImageAlt", p."commentsOpen",
           coalesce((SELECT array_agg(pt."tagId" ORDER BY pt."tagId") FROM "PostTag" pt WHERE pt."postId" = p.id), ARRAY[]::text[]),
           coalesce((SELECT array_agg(pa."profileId" ORDER BY pa.position) FROM "PostAuthor" pa WHERE pa."postId" = p.id), ARRAY[]::text[]),
           p."updatedAt"
      FROM "Post" p WHERE p.id = ${postId}`;
}

async function latestRevision(tx: Tx, postId: string): Promise<StoredRevision> {
  const latest = await tx.revision.findFirst({ where: { postId }, orderBy: { number: "desc" }, select: revisionSelect });
  if (!latest) throw new Error(`Post ${postId} has no revision.`);
  return latest;
}

/** What readers get of a published post: its live revision. */
async function liveRevision(tx: Tx, post: LockedPost): Promise<StoredRevision> {
  const live = post.liveRevisionId ? await tx.revision.findUnique({ where: { id: post.liveRevisionId }, select: revisionSelect }) : null;
  if (!live) throw new Error(`Post ${post.id} has no live revision.`);
  return live;
}

async function assertSlugFree(tx: Tx, slug: string, postId: string) {
  const clash = await tx.post.findUnique({ where: { slug }, select: { id: true } });
  if (clash && clash.id !== postId) throw new SlugTakenError(slug);
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

// ---------- tags typed by writers ----------

/** A tag renamed or merged away keeps its old address: its old name finds the tag it became. */
async function tagNowAt(slug: string): Promise<string | null> {
  const redirect = await db().redirect.findUnique({ where: { fromPath: paths.tag(slug) }, select: { targetType: true, targetId: true } });
  if (redirect?.targetType !== "TAG") return null;
  return (await db().tag.findUnique({ where: { id: redirect.targetId }, select: { id: true } }))?.id ?? null;
}

/** The tags named (made when new), in the order named. */
export async function tagIdsFor(names: string[]): Promise<string[]> {
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

// ---------- applying a revision: the one writer of the reader columns ----------

/**
 * Makes the post show `revision`: its text rendered, its metadata, tags and bylines, its search
 * document, and the old address when its slug changed. `live` records it as the revision readers get.
 * Returns the reader tags to invalidate (none while the post is neither published nor scheduled).
 */
async function applyRevision(tx: Tx, post: LockedPost, revision: StoredRevision, { live, status = post.status }: { live: boolean; status?: PostStatus }): Promise<string[]> {
  await assertSlugFree(tx, revision.slug, post.id);
  const rendered = renderPostMarkdown(revision.bodyMarkdown);
  const snapshot = normalSnapshot(revision);
  const tagRows = await tx.tag.findMany({ where: { id: { in: snapshot.tagIds } }, select: { id: true } });
  const profileRows = await tx.authorProfile.findMany({ where: { id: { in: snapshot.authorProfileIds } }, select: { id: true } });
  const profiles = new Set(profileRows.map((row) => row.id));
  const bylines = snapshot.authorProfileIds.filter((id) => profiles.has(id));
  await tx.post.update({
    where: { id: post.id },
    data: {
      slug: snapshot.slug,
      title: snapshot.title,
      standfirst: snapshot.standfirst,
      bodyMarkdown: snapshot.bodyMarkdown,
      bodyHtml: rendered.html,
      excerpt: rendered.excerpt,
      readingMinutes: rendered.readingMinutes,
      categoryId: snapshot.categoryId,
      seriesId: snapshot.seriesId,
      seriesPosition: snapshot.seriesPosition,
      coverImageUrl: snapshot.coverImageUrl,
      coverImageAlt: snapshot.coverImageAlt,
      commentsOpen: snapshot.commentsOpen,
      ...(live ? { liveRevisionId: revision.id } : {}),
    },
  });
  await tx.postTag.deleteMany({ where: { postId: post.id } });
  if (tagRows.length > 0) await tx.postTag.createMany({ data: tagRows.map((tag) => ({ postId: post.id, tagId: tag.id })) });
  // A post always keeps a byline: a snapshot naming only deleted profiles leaves the current one.
  if (bylines.length > 0) {
    await tx.postAuthor.deleteMany({ where: { postId: post.id } });
    await tx.postAuthor.createMany({ data: bylines.map((profileId, position) => ({ postId: post.id, profileId, position })) });
  }
  if (post.slug !== snapshot.slug) {
    if (post.status === "PUBLISHED") await keepOldAddress(tx, { type: "POST", id: post.id }, paths.post(post.slug), paths.post(snapshot.slug));
    else await releaseAddress(tx, paths.post(snapshot.slug));
  }
  await refreshPostSearchDocuments([post.id], tx);
  if (live) {
    await publishCorrectionsUpTo(tx, post.id, revision.number);
    await publishRepliesUpTo(tx, post.id, revision.number);
  }
  if (!isVisible(post.status) && !isVisible(status)) return [];
  return [...readerTagsFor([...new Set([post.slug, snapshot.slug])]), ...(post.slug !== snapshot.slug ? [tags.redirects] : [])];
}

// ---------- saving ----------

export type SavedRevision = {
  revision: { id: string; number: number; createdAt: Date };
  /** False when the post already held exactly this. */
  created: boolean;
  /** The post is published and this revision is not live yet: readers still get the live one. */
  pending: boolean;
  tagsToInvalidate: string[];
};

/**
 * Saves a snapshot as the post's next revision (nothing when it equals the latest). A post that is
 * not published shows it at once; a published one keeps showing its live revision. `baseRevisionId`
 * is the revision the writer started from: when another was saved since, StaleBaseRevisionError
 * (null skips the check, for importers and scripts).
 */
export async function saveRevision(input: { postId: string; snapshot: PostSnapshot; authorId: string | null; baseRevisionId: string | null }): Promise<SavedRevision> {
  const snapshot = normalSnapshot(input.snapshot);
  assertStorable(snapshot);
  return db().$transaction(async (tx) => {
    const post = await lockPost(tx, input.postId);
    const latest = await latestRevision(tx, post.id);
    const pendingAfter = async (revisionId: string) => post.status === "PUBLISHED" && !sameSnapshot(await liveRevision(tx, post), snapshot) && revisionId !== post.liveRevisionId;
    // A post that had no revision until now: nobody can have saved since the writer opened it.
    const baseRevisionId = post.adopted ? null : input.baseRevisionId;
    const decision = decideSave({ latestId: latest.id, baseRevisionId, sameAsLatest: sameSnapshot(latest, snapshot) });
    if (decision === "unchanged") return { revision: latest, created: false, pending: await pendingAfter(latest.id), tagsToInvalidate: [] };
    if (decision === "conflict") throw new StaleBaseRevisionError(latest);
    await assertSlugFree(tx, snapshot.slug, post.id);
    const revision = await tx.revision.create({
      data: { postId: post.id, number: latest.number + 1, ...snapshot, authorId: input.authorId },
      select: revisionSelect,
    });
    if (!showsAtOnce(post.status)) return { revision, created: true, pending: await pendingAfter(revision.id), tagsToInvalidate: [] };
    return { revision, created: true, pending: false, tagsToInvalidate: await applyRevision(tx, post, revision, { live: false }) };
  });
}

/** Puts an old revision back as the newest one (a working copy, while the post is published). Null when it is another post's. */
export async function restoreRevision(postId: string, revisionId: string, userId: string) {
  const old = await db().revision.findFirst({ where: { id: revisionId, postId }, select: snapshotSelect });
  if (!old) return null;
  return saveRevision({ postId, snapshot: old, authorId: userId, baseRevisionId: null });
}

// ---------- a published post's working copy ----------

export type WorkingCopyState = { live: StoredRevision; latest: StoredRevision; pending: boolean };

async function workingCopyIn(tx: Tx, post: LockedPost): Promise<WorkingCopyState> {
  const live = await liveRevision(tx, post);
  const latest = await latestRevision(tx, post.id);
  return { live, latest, pending: latest.id !== live.id && !sameSnapshot(latest, live) };
}

function requirePublished(post: LockedPost) {
  if (post.status !== "PUBLISHED") throw new StalePostStateError();
}

async function clearReviewAndSchedule(tx: Tx, postId: string) {
  await tx.revision.updateMany({ where: { postId, OR: [{ submittedAt: { not: null } }, { scheduledFor: { not: null } }] }, data: { submittedAt: null, scheduledFor: null } });
}

/**
 * Update: readers get the latest revision from now on. `expectedRevisionId` is the one the editor
 * shows: when another was saved since, StaleBaseRevisionError, so what goes live is what was seen.
 * Moves liveRevisionId once and returns the reader tags to invalidate; nothing when it is live already.
 */
export async function makeRevisionLive(postId: string, expectedRevisionId: string | null): Promise<{ changed: boolean; revisionId: string; tagsToInvalidate: string[] }> {
  return db().$transaction(async (tx) => {
    const post = await lockPost(tx, postId);
    requirePublished(post);
    const latest = await latestRevision(tx, postId);
    if (expectedRevisionId !== null && expectedRevisionId !== latest.id) throw new StaleBaseRevisionError(latest);
    if (latest.id !== post.liveRevisionId) await assertRevisionMayGoLive(tx, latest.id);
    await clearReviewAndSchedule(tx, postId);
    if (latest.id === post.liveRevisionId) return { changed: false, revisionId: latest.id, tagsToInvalidate: [] };
    return { changed: true, revisionId: latest.id, tagsToInvalidate: await applyRevision(tx, post, latest, { live: true }) };
  });
}

/**
 * The revision a published post's next change belongs to (a correction, say): the latest one while it
 * is not live yet, otherwise a new copy of it, so nothing reaches readers before the next Update.
 */
export async function workingRevisionOf(postId: string, userId: string): Promise<{ id: string; number: number }> {
  return db().$transaction(async (tx) => {
    const post = await lockPost(tx, postId);
    requirePublished(post);
    const latest = await latestRevision(tx, postId);
    if (latest.id !== post.liveRevisionId) return { id: latest.id, number: latest.number };
    return tx.revision.create({ data: { postId, number: latest.number + 1, ...normalSnapshot(latest), authorId: userId }, select: { id: true, number: true } });
  });
}

/**
 * Drops a published post's unpublished changes: the live revision becomes the newest one again (as a
 * new revision, so the dropped text stays in the history). Returns the newest revision's id.
 */
export async function discardWorkingCopy(postId: string, userId: string): Promise<{ discarded: boolean; revisionId: string }> {
  return db().$transaction(async (tx) => {
    const post = await lockPost(tx, postId);
    requirePublished(post);
    const state = await workingCopyIn(tx, post);
    await clearReviewAndSchedule(tx, postId);
    if (!state.pending) return { discarded: false, revisionId: state.latest.id };
    const { id } = await tx.revision.create({
      data: { postId, number: state.latest.number + 1, ...normalSnapshot(state.live), authorId: userId },
      select: { id: true },
    });
    return { discarded: true, revisionId: id };
  });
}

/** A writer who may not publish sends the working copy to the editors. False when there is nothing to send. */
export async function submitWorkingCopy(postId: string, now = new Date()): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const post = await lockPost(tx, postId);
    requirePublished(post);
    const state = await workingCopyIn(tx, post);
    if (!state.pending) return false;
    await tx.revision.update({ where: { id: state.latest.id }, data: { submittedAt: now } });
    return true;
  });
}

/** An editor sends submitted changes back: the writer may edit again. */
export async function returnWorkingCopy(postId: string): Promise<void> {
  await db().revision.updateMany({ where: { postId, submittedAt: { not: null } }, data: { submittedAt: null } });
}

/** Schedules the working copy's latest revision to go live at `when`; false when there are no changes. */
export async function scheduleWorkingCopy(postId: string, when: Date): Promise<{ scheduled: boolean; revisionId: string }> {
  return db().$transaction(async (tx) => {
    const post = await lockPost(tx, postId);
    requirePublished(post);
    const state = await workingCopyIn(tx, post);
    if (!state.pending) return { scheduled: false, revisionId: state.latest.id };
    await assertRevisionMayGoLive(tx, state.latest.id);
    await tx.revision.updateMany({ where: { postId, scheduledFor: { not: null } }, data: { scheduledFor: null } });
    await tx.revision.update({ where: { id: state.latest.id }, data: { scheduledFor: when } });
    return { scheduled: true, revisionId: state.latest.id };
  });
}

/** Scheduled updates whose time has come, earliest first. */
export async function listDueUpdates(now: Date) {
  return db().revision.findMany({
    where: { scheduledFor: { lte: now }, post: { status: "PUBLISHED" } },
    orderBy: { scheduledFor: "asc" },
    select: { id: true, postId: true, scheduledFor: true, post: { select: { slug: true } } },
  });
}

/** The worker's half of a scheduled update; null when another worker made it live first (or it was cancelled). */
export async function makeScheduledUpdateLive(revisionId: string, now: Date): Promise<{ postId: string; tagsToInvalidate: string[] } | null> {
  return db().$transaction(async (tx) => {
    const due = await tx.revision.findFirst({ where: { id: revisionId, scheduledFor: { lte: now } }, select: { postId: true } });
    if (!due) return null;
    const post = await lockPost(tx, due.postId);
    const still = await tx.revision.findFirst({ where: { id: revisionId, scheduledFor: { lte: now } }, select: revisionSelect });
    if (!still || post.status !== "PUBLISHED") return null;
    const live = await liveRevision(tx, post);
    if (still.id !== live.id) await assertRevisionMayGoLive(tx, still.id);
    await clearReviewAndSchedule(tx, post.id);
    const tagsToInvalidate = still.id === live.id ? [] : await applyRevision(tx, post, still, { live: true });
    return { postId: post.id, tagsToInvalidate };
  });
}

// ---------- lifecycle ----------

/** Moves a post from one of `from` to `status`; the row then shows what that status shows (live or latest). */
/**
 * Publication ends the post's preview links for good: they lead to the post while it is published and
 * nowhere once it is not (features/preview-links/data.ts).
 */
async function endPreviewLinks(tx: Prisma.TransactionClient, postId: string, now: Date) {
  await tx.previewLink.updateMany({ where: { postId, postPublishedAt: null }, data: { postPublishedAt: now } });
}

async function movePost(postId: string, from: PostStatus[], status: PostStatus, data: { publishedAt?: Date | null; scheduledFor?: Date | null; submittedAt?: Date }) {
  return db().$transaction(async (tx) => {
    const post = await lockPost(tx, postId);
    if (!from.includes(post.status)) throw new StalePostStateError();
    const latest = await latestRevision(tx, postId);
    // The legal gate: nothing goes out, or is scheduled to, that a legal reviewer has not cleared when it needs it.
    if (status === "PUBLISHED" || status === "SCHEDULED") await assertRevisionMayGoLive(tx, latest.id);
    // Going out: the latest revision becomes live. Coming in (unpublished): the row follows the latest revision again.
    let tagsToInvalidate: string[] = [];
    if (status === "PUBLISHED" || post.status === "PUBLISHED") {
      tagsToInvalidate = await applyRevision(tx, post, latest, { live: status === "PUBLISHED", status });
      await clearReviewAndSchedule(tx, postId);
    }
    if (status === "PUBLISHED") await endPreviewLinks(tx, postId, new Date());
    const moved = await tx.post.update({ where: { id: postId }, data: { status, ...data }, select: { id: true, slug: true, title: true, status: true } });
    const tagSet = isVisible(status) || isVisible(post.status) ? [...new Set([...tagsToInvalidate, ...readerTagsFor([moved.slug])])] : [];
    return { ...moved, tagsToInvalidate: tagSet };
  });
}

export async function markSubmitted(postId: string, now = new Date()) {
  return movePost(postId, ["DRAFT", "CHANGES_REQUESTED"], "SUBMITTED", { submittedAt: now });
}

export async function markChangesRequested(postId: string) {
  return movePost(postId, ["SUBMITTED", "SCHEDULED"], "CHANGES_REQUESTED", { scheduledFor: null });
}

export async function markScheduled(postId: string, when: Date) {
  return movePost(postId, ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "SCHEDULED", "UNPUBLISHED"], "SCHEDULED", { scheduledFor: when });
}

export async function markPublished(postId: string, now = new Date()) {
  const { publishedAt } = await db().post.findUniqueOrThrow({ where: { id: postId }, select: { publishedAt: true } });
  return movePost(postId, ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "SCHEDULED", "UNPUBLISHED"], "PUBLISHED", { publishedAt: publishedAt ?? now, scheduledFor: null });
}

export async function markUnpublished(postId: string) {
  return movePost(postId, ["PUBLISHED", "SCHEDULED"], "UNPUBLISHED", { scheduledFor: null });
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
  try {
    await movePost(post.id, ["SCHEDULED"], "PUBLISHED", { publishedAt: publicationTimeFor(post.scheduledFor, now), scheduledFor: null });
    return true;
  } catch (error) {
    if (error instanceof StalePostStateError) return false;
    throw error;
  }
}

// ---------- many posts at once: new drafts, the demo content, imports ----------

export type NewPost = {
  /** Made here when not given. */
  id?: string;
  status: PostStatus;
  createdById: string | null;
  createdAt?: Date;
  publishedAt?: Date | null;
  scheduledFor?: Date | null;
  submittedAt?: Date | null;
  snapshot: PostSnapshot;
  /** Who wrote the first revision, and when (the post's creation by default). */
  revisionAuthorId: string | null;
};

/** An id of the same shape as Prisma's cuid() ids (lower-case letters and digits), made before the row is written. */
export function newRowId(): string {
  return `c${Date.now().toString(36)}${randomBytes(9).toString("hex")}`;
}

function bulkRow(post: NewPost, now: Date) {
  const snapshot = normalSnapshot(post.snapshot);
  assertStorable(snapshot);
  const rendered = renderPostMarkdown(snapshot.bodyMarkdown);
  const createdAt = post.createdAt ?? now;
  return {
    ...snapshot,
    id: post.id ?? newRowId(),
    revisionId: newRowId(),
    status: post.status,
    createdById: post.createdById,
    createdAt: createdAt.toISOString(),
    publishedAt: post.publishedAt?.toISOString() ?? null,
    scheduledFor: post.scheduledFor?.toISOString() ?? null,
    submittedAt: post.submittedAt?.toISOString() ?? null,
    revisionAuthorId: post.revisionAuthorId,
    bodyHtml: rendered.html,
    excerpt: rendered.excerpt,
    readingMinutes: rendered.readingMinutes,
  };
}

const BULK_INSERT = `
  WITH input AS (
    SELECT * FROM json_to_recordset($1::json) AS x(
      id text, "revisionId" text, status "PostStatus", "createdById" text, "createdAt" timestamp(3), "publishedAt" timestamp(3),
      "scheduledFor" timestamp(3), "submittedAt" timestamp(3), "revisionAuthorId" text, slug text, title text, standfirst text,
      "bodyMarkdown" text, "bodyHtml" text, excerpt text, "readingMinutes" int, "categoryId" text, "seriesId" text,
      "seriesPosition" int, "coverImageUrl" text, "coverImageAlt" text, "commentsOpen" boolean, "tagIds" text[], "authorProfileIds" text[])
  ),
  posts AS (
    INSERT INTO "Post" (id, slug, title, standfirst, "bodyMarkdown", "bodyHtml", excerpt, "readingMinutes", status, "scheduledFor",
                        "publishedAt", "submittedAt", "coverImageUrl", "coverImageAlt", "commentsOpen", "categoryId", "seriesId",
                        "seriesPosition", "createdById", "createdAt", "updatedAt", "liveRevisionId")
    SELECT id, slug, title, standfirst, "bodyMarkdown", "bodyHtml", excerpt, "readingMinutes", status, "scheduledFor",
           "publishedAt", "submittedAt", "coverImageUrl", "coverImageAlt", "commentsOpen", "categoryId", "seriesId",
           "seriesPosition", "createdById", "createdAt", now(), CASE WHEN status = 'PUBLISHED' THEN "revisionId" END
      FROM input
  ),
  revisions AS (
    INSERT INTO "Revision" (id, "postId", number, slug, title, standfirst, "bodyMarkdown", "categoryId", "seriesId", "seriesPosition",
                            "coverImageUrl", "coverImageAlt", "commentsOpen", "tagIds", "authorProfileIds", "authorId", "createdAt")
    SELECT "revisionId", id, 1, slug, title, standfirst, "bodyMarkdown", "categoryId", "seriesId", "seriesPosition",
           "coverImageUrl", "coverImageAlt", "commentsOpen", "tagIds", "authorProfileIds", "revisionAuthorId", "createdAt"
      FROM input
  ),
  bylines AS (
    INSERT INTO "PostAuthor" ("postId", "profileId", position)
    SELECT input.id, byline.profile, byline.ordinality - 1 FROM input, unnest(input."authorProfileIds") WITH ORDINALITY AS byline(profile, ordinality)
  ),
  post_tags AS (
    INSERT INTO "PostTag" ("postId", "tagId") SELECT input.id, tag FROM input, unnest(input."tagIds") AS tag
  )
  SELECT count(*)::int AS count FROM input`;

/**
 * New posts, each with its first revision (live when published), bylines, tags and search document,
 * in two statements however many there are (references are checked when each statement ends).
 * Returns their ids in order. Runs in `tx` when given (an importer's transaction), else in its own.
 */
export async function insertPosts(posts: NewPost[], tx?: Tx): Promise<string[]> {
  if (posts.length === 0) return [];
  const now = new Date();
  const rows = posts.map((post) => bulkRow(post, now));
  const write = async (client: Tx) => {
    await client.$queryRawUnsafe(BULK_INSERT, JSON.stringify(rows));
    await refreshPostSearchDocuments(rows.map((row) => row.id), client);
  };
  if (tx) await write(tx);
  else await db().$transaction(write);
  return rows.map((row) => row.id);
}

/**
 * An importer's newer version of a post it made before: a new revision when the snapshot changed,
 * the status and dates it gives, and the row showing what that status shows. In the importer's transaction.
 */
export async function replacePost(tx: Tx, postId: string, post: Omit<NewPost, "id" | "createdById">): Promise<void> {
  const current = await lockPost(tx, postId);
  const snapshot = normalSnapshot(post.snapshot);
  assertStorable(snapshot);
  let latest = await latestRevision(tx, postId);
  if (!sameSnapshot(latest, snapshot)) {
    latest = await tx.revision.create({
      data: { postId, number: latest.number + 1, ...snapshot, authorId: post.revisionAuthorId },
      select: revisionSelect,
    });
  }
  await tx.post.update({
    where: { id: postId },
    data: { status: post.status, publishedAt: post.publishedAt ?? null, scheduledFor: post.scheduledFor ?? null, submittedAt: post.submittedAt ?? null, ...(post.createdAt ? { createdAt: post.createdAt } : {}) },
  });
  await applyRevision(tx, { ...current, status: post.status }, latest, { live: post.status === "PUBLISHED" });
}

/** New drafts start here: a post with one revision holding the title and the writer's byline. */
export async function createDraftPost(input: { title: string; profileId: string; userId: string; seriesId?: string | null; commentsOpen?: boolean }) {
  const slug = await uniqueSlug(slugify(input.title));
  const [id] = await insertPosts([
    {
      status: "DRAFT",
      createdById: input.userId,
      revisionAuthorId: input.userId,
      snapshot: {
        slug,
        title: input.title,
        standfirst: null,
        bodyMarkdown: "",
        categoryId: null,
        seriesId: input.seriesId ?? null,
        seriesPosition: null,
        coverImageUrl: null,
        coverImageAlt: null,
        commentsOpen: input.commentsOpen ?? true,
        tagIds: [],
        authorProfileIds: [input.profileId],
      },
    },
  ]);
  return { id, slug };
}

// ---------- a restore: rows exactly as a backup holds them ----------

export const STORE_TABLES = ["Post", "Revision", "PostAuthor", "PostTag"] as const;
export type StoreTable = (typeof STORE_TABLES)[number];

/**
 * Rows of the store's tables written back as they were (ids, rendered columns, search documents), for
 * a restore into an empty site: `rows` is a JSON array of the table's rows, `columns` the ones to write.
 */
export async function insertStoredRows(client: Tx, table: StoreTable, columns: string[], rows: string): Promise<void> {
  const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
  const list = columns.map(quoted).join(", ");
  await client.$executeRawUnsafe(`INSERT INTO ${quoted(table)} (${list}) SELECT ${columns.map((column) => `r.${quoted(column)}`).join(", ")} FROM json_populate_recordset(NULL::${quoted(table)}, $1::json) r`, rows);
}

// ---------- what taxonomy changes do to posts ----------

/** A category's posts (and their revisions) move to another category, or to none. Returns how many posts moved. */
export async function movePostsToCategory(tx: Tx, fromCategoryId: string, toCategoryId: string | null): Promise<number> {
  const { count } = await tx.post.updateMany({ where: { categoryId: fromCategoryId }, data: { categoryId: toCategoryId } });
  await tx.revision.updateMany({ where: { categoryId: fromCategoryId }, data: { categoryId: toCategoryId } });
  return count;
}

/** Numbers a series' posts in the given order, in their revisions too (so an Update does not undo it). */
export async function numberSeriesPosts(seriesId: string, orderedPostIds: string[]): Promise<void> {
  await db().$transaction(async (tx) => {
    for (const [index, id] of orderedPostIds.entries()) {
      await tx.post.update({ where: { id }, data: { seriesPosition: index + 1 } });
      await tx.revision.updateMany({ where: { postId: id, seriesId }, data: { seriesPosition: index + 1 } });
    }
  });
}

/** Every post tagged `fromTagId` (and every revision naming it) gets `intoTagId` instead. */
export async function retagPosts(tx: Tx, fromTagId: string, intoTagId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "PostTag" ("postId", "tagId")
    SELECT "postId", ${intoTagId} FROM "PostTag" WHERE "tagId" = ${fromTagId}
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`
    UPDATE "Revision" SET "tagIds" = ARRAY(SELECT DISTINCT unnest(array_replace("tagIds", ${fromTagId}, ${intoTagId})) ORDER BY 1)
    WHERE ${fromTagId} = ANY("tagIds")`;
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
