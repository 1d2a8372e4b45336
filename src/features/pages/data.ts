// Reads for static pages: the reader's (published only, cached and tagged) and the admin's.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { EditorVersion } from "@/features/editor/saved-document";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
import type { SessionUser } from "@/lib/auth";
import { can } from "@/lib/permissions";

const downloadSelect = {
  id: true,
  title: true,
  asset: { select: { path: true, fileName: true, mimeType: true, bytes: true } },
} as const;

export type PageDownloadView = { id: string; title: string; url: string; fileName: string; mimeType: string; bytes: number };

function toDownloadView(row: { id: string; title: string; asset: { path: string; fileName: string | null; mimeType: string; bytes: number } }): PageDownloadView {
  return { id: row.id, title: row.title, url: row.asset.path, fileName: row.asset.fileName ?? row.title, mimeType: row.asset.mimeType, bytes: row.asset.bytes };
}

export type PublishedPage = {
  id: string;
  slug: string;
  title: string;
  /** What search results and social cards show: the description written for them, or the text's opening. */
  description: string;
  bodyHtml: string;
  publishedAt: Date;
  updatedAt: Date;
  downloads: PageDownloadView[];
};

/** A published page by its address; null for any other state. */
export async function getPublishedPage(slug: string): Promise<PublishedPage | null> {
  "use cache";
  cacheForReaders(tags.pages, tags.page(slug));
  const page = await db().page.findFirst({
    where: { slug, status: "PUBLISHED" },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      excerpt: true,
      bodyHtml: true,
      publishedAt: true,
      updatedAt: true,
      downloads: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: downloadSelect },
    },
  });
  if (!page) return null;
  const { excerpt, ...rest } = page;
  return { ...rest, description: page.description || excerpt, publishedAt: page.publishedAt ?? page.updatedAt, downloads: page.downloads.map(toDownloadView) };
}

/** Every published page's address and last change: the sitemap and the build's prerendering. */
export async function listPublishedPages(): Promise<{ slug: string; updatedAt: Date }[]> {
  "use cache";
  cacheForReaders(tags.pages);
  return db().page.findMany({ where: { status: "PUBLISHED" }, orderBy: { slug: "asc" }, select: { slug: true, updatedAt: true } });
}

// ---------- the admin ----------

export async function findPageAccessFacts(pageId: string) {
  return db().page.findUnique({ where: { id: pageId }, select: { id: true, slug: true, status: true, createdById: true, liveRevisionId: true } });
}

/** The pages a user may see in the admin: all for editors, their own for authors. */
export async function listPagesForAdmin(user: SessionUser) {
  return db().page.findMany({
    where: can(user, "pages.manage") ? {} : { createdById: user.id },
    orderBy: [{ status: "asc" }, { title: "asc" }],
    select: { id: true, slug: true, title: true, status: true, updatedAt: true, createdBy: { select: { email: true, profile: { select: { displayName: true } } } } },
  });
}

/** The editor's fields. */
export type PageEditorFields = { title: string; slug: string; description: string; bodyMarkdown: string };

const pageVersionSelect = {
  id: true,
  number: true,
  createdAt: true,
  slug: true,
  title: true,
  description: true,
  bodyMarkdown: true,
  author: { select: { email: true, profile: { select: { displayName: true } } } },
} satisfies Prisma.PageRevisionSelect;

function toPageVersion(row: Prisma.PageRevisionGetPayload<{ select: typeof pageVersionSelect }>): EditorVersion<PageEditorFields> {
  return {
    revisionId: row.id,
    number: row.number,
    savedAt: row.createdAt.toISOString(),
    savedBy: row.author?.profile?.displayName ?? row.author?.email ?? "An import",
    fields: { title: row.title, slug: row.slug, description: row.description, bodyMarkdown: row.bodyMarkdown },
  };
}

export async function findPageVersion(revisionId: string): Promise<EditorVersion<PageEditorFields> | null> {
  const row = await db().pageRevision.findUnique({ where: { id: revisionId }, select: pageVersionSelect });
  return row ? toPageVersion(row) : null;
}

/**
 * A page as its editor shows it: the latest revision's title, address, description and text (a
 * published page's working copy), and the live revision when readers see another one.
 */
export async function findPageForEditing(pageId: string) {
  const page = await db().page.findUnique({
    where: { id: pageId },
    select: {
      id: true,
      slug: true,
      status: true,
      publishedAt: true,
      createdById: true,
      updatedAt: true,
      liveRevisionId: true,
      downloads: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: downloadSelect },
      revisions: { orderBy: { number: "desc" }, take: 1, select: pageVersionSelect },
    },
  });
  if (!page || page.revisions.length === 0) return null;
  const { revisions, downloads, ...rest } = page;
  const latest = toPageVersion(revisions[0]);
  const liveRow = page.status === "PUBLISHED" && page.liveRevisionId && page.liveRevisionId !== latest.revisionId
    ? await db().pageRevision.findUnique({ where: { id: page.liveRevisionId }, select: pageVersionSelect })
    : null;
  const live = liveRow ? toPageVersion(liveRow) : null;
  const pending = live !== null && JSON.stringify(live.fields) !== JSON.stringify(latest.fields);
  // `slug` stays the page's own address (what readers reach); the rest is the latest revision's.
  return { ...rest, title: latest.fields.title, bodyMarkdown: latest.fields.bodyMarkdown, latest, live: pending ? live : null, downloads: downloads.map(toDownloadView) };
}

export async function findDownloadPage(downloadId: string) {
  return db().pageDownload.findUnique({ where: { id: downloadId }, select: { id: true, title: true, mediaAssetId: true, page: { select: { id: true, slug: true, status: true, createdById: true } } } });
}

export async function countPageDownloads(pageId: string): Promise<number> {
  return db().pageDownload.count({ where: { pageId } });
}

export async function listPageRevisions(pageId: string) {
  return db().pageRevision.findMany({
    where: { pageId },
    orderBy: { number: "desc" },
    take: 100,
    select: { id: true, number: true, title: true, createdAt: true, author: { select: { email: true, profile: { select: { displayName: true } } } } },
  });
}

export async function findPageRevision(pageId: string, revisionId: string) {
  return db().pageRevision.findFirst({ where: { id: revisionId, pageId }, select: { id: true, title: true, description: true, bodyMarkdown: true, createdAt: true } });
}
