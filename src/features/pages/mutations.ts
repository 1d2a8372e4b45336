// Static page writes: content saves (each change keeps a numbered revision), a published page's
// working copy, publishing, downloads. The same rules as posts (features/posts/revision-rules.ts):
// readers get the page's live revision, and only Update changes it. Callers check permissions first
// (commands.ts).
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { PageStatus } from "@/generated/prisma/enums";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { keepOldAddress, moveRedirects, releaseAddress } from "@/lib/redirect-table";
import { paths } from "@/lib/seo";
import { InputError, UserFacingError } from "@/lib/errors";
import { renderPostMarkdown } from "@/lib/markdown";
import { slugify } from "@/lib/slug";
import { deleteMediaAssets } from "@/features/media/mutations";
import { decideSave, showsAtOnce } from "@/features/posts/revision-rules";
import { RESERVED_SLUGS, type PageFields } from "./schema";

export class PageSlugTakenError extends InputError {
  constructor(slug: string) {
    const message = `Another page already uses the address “/${slug}”. Choose a different one.`;
    super(message, { slug: message });
  }
}

/** Someone else published, unpublished or deleted the page since it was loaded. */
export class StalePageStateError extends UserFacingError {
  constructor() {
    super("This page changed in the meantime (someone else may have acted on it). Reload the page and try again.");
  }
}

/** The cache tags of a page's reader views. */
export function pageTagsFor(slugs: string[]): string[] {
  return [tags.pages, ...slugs.map((slug) => tags.page(slug))];
}

/** `base`, or `base-2`, `base-3`…: the first that no other page uses and no route of Docket's holds. */
export async function uniquePageSlug(base: string, exceptPageId?: string): Promise<string> {
  const root = base || "page";
  for (let suffix = 1; ; suffix++) {
    const candidate = suffix === 1 ? root : `${root}-${suffix}`;
    if (RESERVED_SLUGS.has(candidate)) continue;
    const taken = await db().page.findUnique({ where: { slug: candidate }, select: { id: true } });
    if (!taken || taken.id === exceptPageId) return candidate;
  }
}

export async function createDraftPage(input: { title: string; userId: string }) {
  const slug = await uniquePageSlug(slugify(input.title));
  return db().page.create({
    data: { title: input.title, slug, createdById: input.userId, revisions: { create: { number: 1, slug, title: input.title, bodyMarkdown: "", authorId: input.userId } } },
    select: { id: true, slug: true },
  });
}

type Tx = Prisma.TransactionClient;
/** What readers see of a page: what a page revision holds. */
export type PageSnapshot = { slug: string; title: string; description: string; bodyMarkdown: string };
const pageRevisionSelect = { id: true, number: true, slug: true, title: true, description: true, bodyMarkdown: true, createdAt: true, authorId: true } satisfies Prisma.PageRevisionSelect;
export type StoredPageRevision = Prisma.PageRevisionGetPayload<{ select: typeof pageRevisionSelect }>;
type LockedPage = { id: string; slug: string; status: PageStatus; liveRevisionId: string | null };

const samePage = (a: PageSnapshot, b: PageSnapshot) => a.slug === b.slug && a.title === b.title && a.description === b.description && a.bodyMarkdown === b.bodyMarkdown;

/** A save from an older version than the latest: the caller shows `latest` beside its own. */
export class StalePageBaseError extends Error {
  constructor(readonly latest: StoredPageRevision) {
    super("The page was saved by someone else since this version was opened.");
  }
}

/** The page, locked until the transaction ends (a published one without a live revision recorded gets its latest). */
async function lockPage(tx: Tx, pageId: string): Promise<LockedPage> {
  const [page] = await tx.$queryRaw<LockedPage[]>`SELECT id, slug, status::text AS status, "liveRevisionId" FROM "Page" WHERE id = ${pageId} FOR UPDATE`;
  if (!page) throw new InputError("This page no longer exists.");
  if (page.status !== "PUBLISHED" || page.liveRevisionId) return page;
  const latest = await latestPageRevision(tx, pageId);
  // Bookkeeping only: written without touching updatedAt, which readers see.
  await tx.$executeRaw`UPDATE "Page" SET "liveRevisionId" = ${latest.id} WHERE id = ${pageId}`;
  return { ...page, liveRevisionId: latest.id };
}

async function latestPageRevision(tx: Tx, pageId: string): Promise<StoredPageRevision> {
  const latest = await tx.pageRevision.findFirst({ where: { pageId }, orderBy: { number: "desc" }, select: pageRevisionSelect });
  if (!latest) throw new Error(`Page ${pageId} has no revision.`);
  return latest;
}

async function livePageRevision(tx: Tx, page: LockedPage): Promise<StoredPageRevision> {
  const live = page.liveRevisionId ? await tx.pageRevision.findUnique({ where: { id: page.liveRevisionId }, select: pageRevisionSelect }) : null;
  if (!live) throw new Error(`Page ${page.id} has no live revision.`);
  return live;
}

/** Makes the page show `revision` (its text rendered); `live` records it as what readers get. The page's reader tags, when public. */
async function applyPageRevision(tx: Tx, page: LockedPage, revision: StoredPageRevision, live: boolean): Promise<string[]> {
  const clash = await tx.page.findUnique({ where: { slug: revision.slug }, select: { id: true } });
  if (clash && clash.id !== page.id) throw new PageSlugTakenError(revision.slug);
  const rendered = renderPostMarkdown(revision.bodyMarkdown);
  await tx.page.update({
    where: { id: page.id },
    data: {
      title: revision.title,
      slug: revision.slug,
      description: revision.description,
      bodyMarkdown: revision.bodyMarkdown,
      bodyHtml: rendered.html,
      excerpt: rendered.excerpt,
      ...(live ? { liveRevisionId: revision.id } : {}),
    },
  });
  const moved = page.slug !== revision.slug;
  if (page.status === "PUBLISHED" && moved) {
    // Readers' links and search engines keep finding the page at its old address.
    await keepOldAddress(tx, { type: "PAGE", id: page.id }, paths.page(page.slug), paths.page(revision.slug));
  }
  return page.status === "PUBLISHED" ? [...pageTagsFor([page.slug, revision.slug]), ...(moved ? [tags.redirects] : [])] : [];
}

/**
 * Saves the page's next revision (nothing when it holds what the latest holds): a draft shows it at
 * once, a published page keeps showing its live revision until updated. `baseRevisionId` is the revision
 * the editor started from (StalePageBaseError when another was saved since); null for an import.
 */
export async function savePageRevision(fields: PageFields, userId: string | null, baseRevisionId: string | null) {
  return db().$transaction(async (tx) => {
    const page = await lockPage(tx, fields.pageId);
    // A page an import has just made has no revision yet: this is its first.
    const latest = await tx.pageRevision.findFirst({ where: { pageId: page.id }, orderBy: { number: "desc" }, select: pageRevisionSelect });
    const snapshot: PageSnapshot = { slug: fields.slug, title: fields.title, description: fields.description, bodyMarkdown: fields.bodyMarkdown };
    const decision = latest ? decideSave({ latestId: latest.id, baseRevisionId, sameAsLatest: samePage(latest, snapshot) }) : "new-revision";
    if (decision === "conflict") throw new StalePageBaseError(latest!);
    const pendingWith = async (revision: StoredPageRevision) => page.status === "PUBLISHED" && revision.id !== page.liveRevisionId && !samePage(await livePageRevision(tx, page), revision);
    if (decision === "unchanged") return { slug: latest!.slug, revisionId: latest!.id, revisionCreated: false, pending: await pendingWith(latest!), tagsToInvalidate: [] };
    const clash = await tx.page.findUnique({ where: { slug: snapshot.slug }, select: { id: true } });
    if (clash && clash.id !== page.id) throw new PageSlugTakenError(snapshot.slug);
    const revision = await tx.pageRevision.create({ data: { pageId: page.id, number: (latest?.number ?? 0) + 1, ...snapshot, authorId: userId }, select: pageRevisionSelect });
    const tagsToInvalidate = showsAtOnce(page.status) ? await applyPageRevision(tx, page, revision, false) : [];
    return { slug: revision.slug, revisionId: revision.id, revisionCreated: true, pending: await pendingWith(revision), tagsToInvalidate };
  });
}

/** Update: readers get the page's latest revision, which must be `expectedRevisionId` (what the editor shows). */
export async function makePageRevisionLive(pageId: string, expectedRevisionId: string | null) {
  return db().$transaction(async (tx) => {
    const page = await lockPage(tx, pageId);
    if (page.status !== "PUBLISHED") throw new StalePageStateError();
    const latest = await latestPageRevision(tx, pageId);
    if (expectedRevisionId !== null && expectedRevisionId !== latest.id) throw new StalePageBaseError(latest);
    if (latest.id === page.liveRevisionId) return { changed: false, revisionId: latest.id, tagsToInvalidate: [] as string[] };
    return { changed: true, revisionId: latest.id, tagsToInvalidate: await applyPageRevision(tx, page, latest, true) };
  });
}

/** Drops a published page's working copy: its live revision becomes the newest again (the dropped text stays in the history). */
export async function discardPageChanges(pageId: string, userId: string) {
  return db().$transaction(async (tx) => {
    const page = await lockPage(tx, pageId);
    if (page.status !== "PUBLISHED") throw new StalePageStateError();
    const [live, latest] = [await livePageRevision(tx, page), await latestPageRevision(tx, pageId)];
    if (live.id === latest.id || samePage(live, latest)) return { discarded: false, revisionId: latest.id };
    const { id } = await tx.pageRevision.create({
      data: { pageId, number: latest.number + 1, slug: live.slug, title: live.title, description: live.description, bodyMarkdown: live.bodyMarkdown, authorId: userId },
      select: { id: true },
    });
    return { discarded: true, revisionId: id };
  });
}

/** Moves a page from one of `from` to `to`; the page then shows what that status shows, and refuses when it has moved on meanwhile. */
async function movePage(pageId: string, from: PageStatus[], to: PageStatus, publishedAt?: Date) {
  return db().$transaction(async (tx) => {
    const page = await lockPage(tx, pageId);
    if (!from.includes(page.status)) throw new StalePageStateError();
    // Going out: the latest revision goes live. Coming in: the page follows its latest revision again.
    await applyPageRevision(tx, page, await latestPageRevision(tx, pageId), to === "PUBLISHED");
    return tx.page.update({ where: { id: pageId }, data: { status: to, ...(publishedAt ? { publishedAt } : {}) }, select: { id: true, slug: true, title: true, publishedAt: true } });
  });
}

export async function markPagePublished(pageId: string, now = new Date()) {
  const page = await db().page.findUniqueOrThrow({ where: { id: pageId }, select: { publishedAt: true } });
  // The first publication's date stays: unpublishing and publishing again is not a new page.
  const published = await movePage(pageId, ["DRAFT", "UNPUBLISHED"], "PUBLISHED", page.publishedAt ?? now);
  // The page lives at its address now: an old redirect stored for it would never be reached.
  await releaseAddress(db(), paths.page(published.slug));
  return published;
}

export async function markPageUnpublished(pageId: string) {
  return movePage(pageId, ["PUBLISHED"], "UNPUBLISHED");
}

/** Puts a revision back as the newest (a working copy while the page is published); null when it is another page's. */
export async function restorePageRevision(pageId: string, revisionId: string, userId: string) {
  const revision = await db().pageRevision.findFirst({ where: { id: revisionId, pageId }, select: { slug: true, title: true, description: true, bodyMarkdown: true } });
  if (!revision) return null;
  return savePageRevision({ pageId, ...revision }, userId, null);
}

/** Deletes a page that is not published, with its downloads' files. */
export async function deletePage(pageId: string) {
  const downloads = await db().pageDownload.findMany({ where: { pageId }, select: { mediaAssetId: true } });
  const { count } = await db().page.deleteMany({ where: { id: pageId, status: { not: "PUBLISHED" } } });
  if (count === 0) throw new StalePageStateError();
  await moveRedirects(db(), { type: "PAGE", id: pageId }, null);
  await deleteMediaAssets(downloads.map((download) => download.mediaAssetId));
}

export async function addPageDownload(pageId: string, mediaAssetId: string, title: string) {
  const last = await db().pageDownload.findFirst({ where: { pageId }, orderBy: { position: "desc" }, select: { position: true } });
  return db().pageDownload.create({ data: { pageId, mediaAssetId, title, position: (last?.position ?? -1) + 1 }, select: { id: true } });
}

/** Removes a download from its page and deletes its file. */
export async function removePageDownload(downloadId: string, mediaAssetId: string) {
  await db().pageDownload.delete({ where: { id: downloadId } });
  await deleteMediaAssets([mediaAssetId]);
}
