// Static page writes: content saves (each change keeps a revision), publishing, downloads. Callers
// check permissions first (commands.ts).
import "server-only";
import type { PageStatus } from "@/generated/prisma/enums";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { keepOldAddress, moveRedirects, releaseAddress } from "@/lib/redirect-table";
import { paths } from "@/lib/seo";
import { InputError, UserFacingError } from "@/lib/errors";
import { renderPostMarkdown } from "@/lib/markdown";
import { slugify } from "@/lib/slug";
import { deleteMediaAssets } from "@/features/media/mutations";
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
    data: { title: input.title, slug, createdById: input.userId, revisions: { create: { title: input.title, bodyMarkdown: "", authorId: input.userId } } },
    select: { id: true, slug: true },
  });
}

/** Saves the page; keeps a revision when the title, description or text changed (an import's has no author). */
export async function savePageContent(fields: PageFields, userId: string | null): Promise<{ slug: string; tagsToInvalidate: string[]; revisionCreated: boolean }> {
  const current = await db().page.findUniqueOrThrow({ where: { id: fields.pageId }, select: { slug: true, status: true } });
  const clash = await db().page.findUnique({ where: { slug: fields.slug }, select: { id: true } });
  if (clash && clash.id !== fields.pageId) throw new PageSlugTakenError(fields.slug);

  const latest = await db().pageRevision.findFirst({ where: { pageId: fields.pageId }, orderBy: { createdAt: "desc" }, select: { title: true, description: true, bodyMarkdown: true } });
  const changed = !latest || latest.title !== fields.title || latest.description !== fields.description || latest.bodyMarkdown !== fields.bodyMarkdown;
  const rendered = renderPostMarkdown(fields.bodyMarkdown);
  await db().$transaction(async (tx) => {
    await tx.page.update({
      where: { id: fields.pageId },
      data: { title: fields.title, slug: fields.slug, description: fields.description, bodyMarkdown: fields.bodyMarkdown, bodyHtml: rendered.html, excerpt: rendered.excerpt },
    });
    if (changed) {
      await tx.pageRevision.create({ data: { pageId: fields.pageId, title: fields.title, description: fields.description, bodyMarkdown: fields.bodyMarkdown, authorId: userId } });
    }
    if (current.status === "PUBLISHED" && current.slug !== fields.slug) {
      // Readers' links and search engines keep finding the page at its old address.
      await keepOldAddress(tx, { type: "PAGE", id: fields.pageId }, paths.page(current.slug), paths.page(fields.slug));
    }
  });
  const moved = current.slug !== fields.slug;
  const tagsToInvalidate = current.status === "PUBLISHED" ? [...pageTagsFor([current.slug, fields.slug]), ...(moved ? [tags.redirects] : [])] : [];
  return { slug: fields.slug, tagsToInvalidate, revisionCreated: changed };
}

/** Moves a page from one of `from` to `to`; refuses when it has moved on meanwhile. */
async function movePage(pageId: string, from: PageStatus[], to: PageStatus, publishedAt?: Date) {
  const { count } = await db().page.updateMany({ where: { id: pageId, status: { in: from } }, data: { status: to, ...(publishedAt ? { publishedAt } : {}) } });
  if (count === 0) throw new StalePageStateError();
  return db().page.findUniqueOrThrow({ where: { id: pageId }, select: { id: true, slug: true, title: true, publishedAt: true } });
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

/** Puts a revision's title, description and text back (as a new revision); null when it is another page's. */
export async function restorePageRevision(pageId: string, revisionId: string, userId: string) {
  const revision = await db().pageRevision.findFirst({ where: { id: revisionId, pageId }, select: { title: true, description: true, bodyMarkdown: true } });
  if (!revision) return null;
  const page = await db().page.findUniqueOrThrow({ where: { id: pageId }, select: { slug: true } });
  return savePageContent({ pageId, slug: page.slug, ...revision }, userId);
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
