// Reads for moving between WordPress and Docket: the site as a WordPress export sees it (public byline
// fields only: a pen name's real name is never selected), what an earlier import made of each WordPress
// thing, the import runs and their reports, and where an old WordPress address now lives.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
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

export async function findLink(key: LinkKey) {
  return db().wordPressLink.findUnique({ where: { siteUrl_kind_wpKey: key }, select: { docketId: true, checksum: true } });
}

/** Docket users by login email (lower-cased), with their byline if they have one. */
export async function findUsersByEmail(emails: string[]) {
  if (emails.length === 0) return new Map<string, { id: string; profileId: string | null }>();
  const users = await db().user.findMany({
    where: { email: { in: emails, mode: "insensitive" } },
    select: { id: true, email: true, profile: { select: { id: true } } },
  });
  return new Map(users.map((user) => [user.email.toLowerCase(), { id: user.id, profileId: user.profile?.id ?? null }]));
}

/** Every post's slug, with its id: an import checks addresses against these without a query per post. */
export async function listPostSlugs(): Promise<Map<string, string>> {
  const posts = await db().post.findMany({ select: { id: true, slug: true } });
  return new Map(posts.map((post) => [post.slug, post.id]));
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

// ---------- old addresses ----------

/** The WordPress archive bases Docket answers, and the kind of link each one names. */
const ARCHIVES: Record<string, "category" | "tag" | "author" | "series"> = { category: "category", tag: "tag", author: "author", series: "series" };

/** The Docket slug of what a term or author became; categories are also found by their WordPress term id. */
async function docketSlugOf(kind: "category" | "category-id" | "tag" | "author" | "series", wpKey: string): Promise<string | null> {
  const link = await db().wordPressLink.findFirst({ where: { kind, wpKey }, orderBy: { updatedAt: "desc" }, select: { docketId: true } });
  if (!link) return null;
  const where = { where: { id: link.docketId }, select: { slug: true } } as const;
  switch (kind) {
    case "category-id":
    case "category":
      return (await db().category.findUnique(where))?.slug ?? null;
    case "tag":
      return (await db().tag.findUnique(where))?.slug ?? null;
    case "author":
      return (await db().authorProfile.findUnique(where))?.slug ?? null;
    case "series":
      return (await db().series.findUnique(where))?.slug ?? null;
    default:
      return null;
  }
}

async function publishedPostSlug(wpId: string): Promise<string | null> {
  const link = await db().wordPressLink.findFirst({ where: { kind: "post", wpKey: wpId }, orderBy: { updatedAt: "desc" }, select: { docketId: true } });
  if (!link) return null;
  const post = await db().post.findUnique({ where: { id: link.docketId }, select: { slug: true, status: true } });
  return post?.status === "PUBLISHED" ? post.slug : null;
}

/** A link's target as an address: "post:<WordPress id>" is that post (once published), "/uploads/…" a file. */
async function targetAddress(docketId: string): Promise<string | null> {
  if (docketId.startsWith("post:")) {
    const slug = await publishedPostSlug(docketId.slice("post:".length));
    return slug ? `/posts/${encodeURIComponent(slug)}` : null;
  }
  return docketId.startsWith("/uploads/") ? docketId : null;
}

/** Where an attachment's page went: the post it belongs to, else the file itself. */
async function attachmentTarget(wpId: string): Promise<string | null> {
  const link = await db().wordPressLink.findFirst({ where: { kind: "attachment", wpKey: wpId }, orderBy: { updatedAt: "desc" }, select: { docketId: true } });
  return link ? targetAddress(link.docketId) : null;
}

/** An old page's own address (an attachment page): kept by the import as a "path" link. */
async function pathTarget(path: string): Promise<string | null> {
  const link = await db().wordPressLink.findFirst({
    where: { kind: "path", wpKey: { in: [path, path.endsWith("/") ? path.slice(0, -1) : `${path}/`] } },
    orderBy: { updatedAt: "desc" },
    select: { docketId: true },
  });
  return link ? targetAddress(link.docketId) : null;
}

export type LegacyQuery = { p?: string; page_id?: string; attachment_id?: string; cat?: string; tag?: string; author_name?: string; feed?: string };

const feedPath = (path: string) => `${path}/feed.xml`;

/**
 * The Docket address an old WordPress address answers with, or null. `path` is the old path (with or
 * without its trailing slash; a `/feed/`, `/feed/rss2/` or `/feed/atom/` ending asks for that archive's
 * feed); `query` the query string's WordPress keys (`/?p=123`, `/?page_id=…`, `/?attachment_id=…`).
 */
export async function findWordPressRedirect(path: string, query: LegacyQuery = {}): Promise<string | null> {
  "use cache";
  cacheForReaders(tags.redirects, tags.posts, tags.categories, tags.postTags, tags.authors, tags.allSeries);
  const wantsFeed = query.feed !== undefined;
  if (query.p && /^\d+$/.test(query.p)) {
    const slug = await publishedPostSlug(query.p);
    return slug ? `/posts/${encodeURIComponent(slug)}` : null;
  }
  if (query.attachment_id && /^\d+$/.test(query.attachment_id)) return attachmentTarget(query.attachment_id);
  if (query.cat || query.tag || query.author_name) {
    const [kind, key] = query.tag ? ["tag", query.tag] : query.author_name ? ["author", query.author_name] : ["category-id", query.cat!];
    const slug = await docketSlugOf(kind as "tag" | "author" | "category-id", key);
    if (!slug) return null;
    const base = kind === "tag" ? `/tags/${encodeURIComponent(slug)}` : kind === "author" ? `/authors/${encodeURIComponent(slug)}` : `/categories/${encodeURIComponent(slug)}`;
    return wantsFeed ? feedPath(base) : base;
  }

  if (!wantsFeed) {
    const direct = await pathTarget(path);
    if (direct) return direct;
  }
  const segments = path.split("/").filter(Boolean).map((segment) => segment.toLowerCase());
  let feed = wantsFeed;
  if (segments.at(-2) === "feed" && ["rss2", "atom", "rss", "rdf"].includes(segments.at(-1)!)) segments.splice(-2, 2, "feed");
  if (segments.at(-1) === "feed") {
    segments.pop();
    feed = true;
  }
  // A paged archive (/category/courts/page/2/) goes to the archive's first page.
  if (segments.at(-2) === "page" && /^\d+$/.test(segments.at(-1)!)) segments.splice(-2, 2);
  const archive = ARCHIVES[segments[0] ?? ""];
  if (archive && segments.length >= 2) {
    const slug = await docketSlugOf(archive, segments.at(-1)!);
    if (!slug) return null;
    const base =
      archive === "category"
        ? `/categories/${encodeURIComponent(slug)}`
        : archive === "tag"
          ? `/tags/${encodeURIComponent(slug)}`
          : archive === "author"
            ? `/authors/${encodeURIComponent(slug)}`
            : `/series/${encodeURIComponent(slug)}`;
    return feed ? feedPath(base) : base;
  }
  if (feed && segments.length > 0) {
    // A post's comment feed: the post itself.
    const post = await db().redirect.findFirst({
      where: { fromPath: { in: [`/${segments.join("/")}`, `/${segments.join("/")}/`] } },
      select: { post: { select: { slug: true, status: true } } },
    });
    if (post?.post.status === "PUBLISHED") return `/posts/${encodeURIComponent(post.post.slug)}`;
  }
  if (feed && segments.length === 0) return "/feed.xml";
  return null;
}
