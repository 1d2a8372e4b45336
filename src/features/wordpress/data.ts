// Reads for moving between WordPress and Docket: the site as a WordPress export sees it (public byline
// fields only: a pen name's real name is never selected), what an earlier import made of each WordPress
// thing, and the import runs and their reports. Old WordPress addresses live in the redirect table.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { publicProfileSelect } from "@/features/posts/bylines";

// ---------- the export ----------

const exportPostSelect = {
  id: true,
  slug: true,
  title: true,
  standfirst: true,
  bodyHtml: true,
  status: true,
  publishedAt: true,
  scheduledFor: true,
  createdAt: true,
  updatedAt: true,
  commentsOpen: true,
  coverImageUrl: true,
  seriesPosition: true,
  category: { select: { slug: true, name: true } },
  series: { select: { slug: true, title: true } },
  tags: { select: { tag: { select: { slug: true, name: true } } } },
  authors: { orderBy: { position: "asc" }, select: { profile: { select: { id: true, ...publicProfileSelect } } } },
  comments: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, parentId: true, authorName: true, authorEmail: true, authorUrl: true, body: true, status: true, createdAt: true },
  },
} satisfies Prisma.PostSelect;
export type ExportPost = Prisma.PostGetPayload<{ select: typeof exportPostSelect }>;

/** Every post with its bylines, terms and comments, a page at a time in id order. */
export async function* iterateExportPosts(pageSize = 200): AsyncGenerator<ExportPost> {
  let after: string | undefined;
  for (;;) {
    const page = await db().post.findMany({
      select: exportPostSelect,
      orderBy: { id: "asc" },
      take: pageSize,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    });
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].id;
  }
}

/**
 * Every byline on a post, public fields only. `loginEmail` is the address of the login behind a byline
 * that is not a pen name (null for pen names, whose login could name the person behind them).
 */
export async function listExportBylines() {
  const profiles = await db().authorProfile.findMany({
    where: { posts: { some: {} } },
    orderBy: { createdAt: "asc" },
    select: { id: true, ...publicProfileSelect, isPseudonymous: true, user: { select: { email: true } } },
  });
  return profiles.map(({ user, isPseudonymous, ...profile }) => ({ ...profile, loginEmail: isPseudonymous ? null : (user?.email ?? null) }));
}

export async function listExportTerms() {
  const [categories, postTags, series] = await Promise.all([
    db().category.findMany({ orderBy: { slug: "asc" }, select: { slug: true, name: true, description: true } }),
    db().tag.findMany({ orderBy: { slug: "asc" }, select: { slug: true, name: true } }),
    db().series.findMany({ orderBy: { slug: "asc" }, select: { slug: true, title: true, description: true } }),
  ]);
  return { categories, tags: postTags, series };
}

/** Every page, published or not (a draft is exported as a WordPress draft), in id order. */
export async function listExportPages() {
  return db().page.findMany({
    orderBy: { id: "asc" },
    select: { id: true, slug: true, title: true, description: true, bodyHtml: true, status: true, publishedAt: true, createdAt: true, updatedAt: true },
  });
}
export type ExportPage = Awaited<ReturnType<typeof listExportPages>>[number];

export async function listExportMedia() {
  return db().mediaAsset.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, path: true, mimeType: true, createdAt: true } });
}

// ---------- what an import made ----------

export type LinkKey = { siteUrl: string; kind: string; wpKey: string };

/** Every link of one kind from one site, as wpKey → { docketId, checksum }. */
export async function loadLinks(siteUrl: string, kind: string): Promise<Map<string, { docketId: string; checksum: string | null }>> {
  const rows = await db().wordPressLink.findMany({ where: { siteUrl, kind }, select: { wpKey: true, docketId: true, checksum: true } });
  return new Map(rows.map((row) => [row.wpKey, { docketId: row.docketId, checksum: row.checksum }]));
}

/** The redirects already stored for these old addresses, by address. */
export async function findRedirectRows(paths: string[]): Promise<Map<string, { targetType: string; targetId: string; suffix: string }>> {
  const rows = await db().redirect.findMany({ where: { fromPath: { in: paths } }, select: { fromPath: true, targetType: true, targetId: true, suffix: true } });
  return new Map(rows.map(({ fromPath, ...target }) => [fromPath, target]));
}

export async function findLink(key: LinkKey) {
  return db().wordPressLink.findUnique({ where: { siteUrl_kind_wpKey: key }, select: { docketId: true, checksum: true } });
}

/** Docket users by login email (lower-cased), with their byline if they have one. */
export async function findUsersByEmail(emails: string[]) {
  if (emails.length === 0) return new Map<string, { id: string; profileId: string | null; email: string; role: string }>();
  const users = await db().user.findMany({
    where: { email: { in: emails, mode: "insensitive" } },
    select: { id: true, email: true, role: true, profile: { select: { id: true } } },
  });
  return new Map(users.map((user) => [user.email.toLowerCase(), { id: user.id, profileId: user.profile?.id ?? null, email: user.email, role: user.role }]));
}

/** Every post's slug, with its id: an import checks addresses against these without a query per post. */
export async function listPostSlugs(): Promise<Map<string, string>> {
  const posts = await db().post.findMany({ select: { id: true, slug: true } });
  return new Map(posts.map((post) => [post.slug, post.id]));
}

/** Posts by id, for menu links: where each lives and whether readers can see it. */
export async function findPostsByIds(ids: string[]) {
  const posts = await db().post.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, title: true, status: true } });
  return new Map(posts.map((post) => [post.id, post]));
}

/** Pages by id: their titles, for menu links without a label of their own. */
export async function findPagesByIds(ids: string[]) {
  const pages = await db().page.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, title: true, status: true } });
  return new Map(pages.map((page) => [page.id, page]));
}

// ---------- import runs ----------

export async function listImportRuns(limit = 20) {
  return db().importRun.findMany({
    orderBy: { startedAt: "desc" },
    take: limit,
    select: { id: true, kind: true, source: true, siteUrl: true, dryRun: true, status: true, done: true, total: true, startedAt: true, finishedAt: true, heartbeatAt: true, error: true },
  });
}

export async function findImportRun(id: string) {
  return db().importRun.findUnique({ where: { id } });
}
