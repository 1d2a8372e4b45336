// Reads for reader pages about posts. Only PUBLISHED posts ever leave these functions; drafts,
// submitted, scheduled and unpublished posts are filtered in every query.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders, cacheUntil } from "@/lib/reader-cache";
import { notHeldSql, publishedOnly, readerVisibleSql } from "@/features/posts/reader-visibility";
import { publicProfileSelect, type PublicByline } from "@/features/posts/bylines";
import { sponsorAt, type Sponsor, type SponsorColumns } from "@/features/posts/sponsorship";
import type { PublishedReply } from "@/features/posts/replies/components/ReplyNotes";
import { publicCorrectionsQuery, toPublicCorrection, type PublicCorrection } from "@/features/posts/corrections/data";

/**
 * Byline columns for raw SQL over "AuthorProfile" aliased `a`: only those publicProfileSelect names
 * (the guard that keeps a pen name's real name out of reader output), checked by the type.
 */
function publicProfileColumn(column: keyof typeof publicProfileSelect): Prisma.Sql {
  return Prisma.raw(`a."${column}"`);
}

/** Every public byline column as a JSON object, for raw SQL over "AuthorProfile" aliased `a`. */
const publicProfileJson = Prisma.raw(
  `json_build_object(${(Object.keys(publicProfileSelect) as (keyof typeof publicProfileSelect)[]).map((column) => `'${column}', a."${column}"`).join(", ")})`,
);

export const POSTS_PER_PAGE = 10;
/** Category, tag and author pages list this many of their latest posts; feeds and search reach the rest. */
export const ARCHIVE_PAGE_SIZE = 50;

/** What a post listing (home, category, tag, author, series, search) shows for each post. */
export const postCardSelect = {
  id: true,
  slug: true,
  title: true,
  standfirst: true,
  excerpt: true,
  publishedAt: true,
  readingMinutes: true,
  category: { select: { slug: true, name: true } },
  series: { select: { slug: true, title: true } },
  authors: { orderBy: { position: "asc" }, select: { profile: { select: publicProfileSelect } } },
  _count: { select: { comments: { where: { status: "APPROVED" } } } },
} satisfies Prisma.PostSelect;

type PostCardRow = Prisma.PostGetPayload<{ select: typeof postCardSelect }>;

export type PostCard = Omit<PostCardRow, "authors" | "_count" | "publishedAt"> & {
  publishedAt: Date;
  authors: PublicByline[];
  commentCount: number;
};

export function toPostCard(row: PostCardRow): PostCard {
  const { authors, _count, publishedAt, ...rest } = row;
  return {
    ...rest,
    publishedAt: publishedAt ?? new Date(0),
    authors: authors.map((author) => author.profile),
    commentCount: _count.comments,
  };
}

export type PostPage = { posts: PostCard[]; page: number; totalPages: number; total: number };

/** One page of published posts matching `where`, newest first. */
export async function listPublishedPostPage(
  where: Prisma.PostWhereInput,
  page: number,
  perPage = POSTS_PER_PAGE,
): Promise<PostPage> {
  const filter = { AND: [publishedOnly, where] };
  const [rows, total] = await Promise.all([
    db().post.findMany({
      where: filter,
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * perPage,
      take: perPage,
      select: postCardSelect,
    }),
    db().post.count({ where: filter }),
  ]);
  return { posts: rows.map(toPostCard), page, total, totalPages: Math.max(1, Math.ceil(total / perPage)) };
}

/** The home page's latest posts, `page` counted from 1. */
export async function listLatestPosts(page = 1): Promise<PostPage> {
  "use cache";
  cacheForReaders(tags.posts, tags.authors, tags.categories, tags.allSeries, tags.allComments);
  return listPublishedPostPage({}, page);
}

/** Slugs of the most recent published posts: prerendered at build time. */
export async function listRecentPostSlugs(limit = 50): Promise<string[]> {
  "use cache";
  cacheForReaders(tags.posts);
  const rows = await db().post.findMany({
    where: publishedOnly,
    orderBy: { publishedAt: "desc" },
    take: limit,
    select: { slug: true },
  });
  return rows.map((row) => row.slug);
}

export type PostAuthorByline = PublicByline;

export type RelatedPost = { slug: string; title: string; publishedAt: Date };
export type SeriesEntry = { id: string; slug: string; title: string; number: number };
export type SeriesTeaser = { title: string | null; authorName: string | null; scheduledFor: Date };
export type SeriesContext = { published: SeriesEntry[]; teaser: SeriesTeaser | null };

type SeriesContextRow = {
  id: string;
  status: "PUBLISHED" | "SCHEDULED";
  slug: string | null;
  title: string | null;
  authorName: string | null;
  scheduledFor: Date | string | null;
};

export const TEASER_WINDOW_DAYS = 14;

/**
 * A series' published posts in reading order, and its posts scheduled within the teaser window
 * (only while the series is running and shows its teaser). A scheduled post's title and author
 * leave the database only when the editor marked them public; its slug and body never do.
 */
function seriesRowsSql(seriesId: Prisma.Sql) {
  return Prisma.sql`
    SELECT sp.id, sp.status::text AS status,
           CASE WHEN sp.status = 'PUBLISHED' THEN sp.slug END AS slug,
           CASE WHEN sp.status = 'PUBLISHED' OR sp."teaserShowsTitle" THEN sp.title END AS title,
           CASE WHEN sp.status = 'SCHEDULED' AND sp."teaserShowsAuthor" THEN
             (SELECT string_agg(${publicProfileColumn("displayName")}, ' and ' ORDER BY pa.position)
                FROM "PostAuthor" pa JOIN "AuthorProfile" a ON a.id = pa."profileId"
               WHERE pa."postId" = sp.id) END AS "authorName",
           CASE WHEN sp.status = 'SCHEDULED' THEN sp."scheduledFor" END AS "scheduledFor",
           row_number() OVER (ORDER BY sp."seriesPosition" ASC NULLS LAST,
                              coalesce(sp."publishedAt", sp."scheduledFor") ASC, sp.id) AS ord
      FROM "Post" sp
     WHERE sp."seriesId" = ${seriesId} AND ${notHeldSql("sp")}
       AND (sp.status = 'PUBLISHED'
            OR (sp.status = 'SCHEDULED' AND sp."scheduledFor" > now()
                AND sp."scheduledFor" <= now() + make_interval(days => ${TEASER_WINDOW_DAYS}::int)
                AND EXISTS (SELECT 1 FROM "Series" ts WHERE ts.id = sp."seriesId" AND ts."isRunning" AND ts."showsTeaser")))`;
}

/** Numbers published posts from 1 in reading order; the earliest scheduled one is the teaser. */
function toSeriesContext(rows: SeriesContextRow[]): SeriesContext {
  const published = rows
    .filter((row) => row.status === "PUBLISHED")
    .map((row, index) => ({ id: row.id, slug: row.slug ?? "", title: row.title ?? "", number: index + 1 }));
  const upcoming = rows
    .filter((row) => row.status === "SCHEDULED" && row.scheduledFor)
    .map((row) => ({ title: row.title, authorName: row.authorName, scheduledFor: new Date(row.scheduledFor!) }))
    .sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime());
  return { published, teaser: upcoming[0] ?? null };
}

/** A series' numbered published posts and the teaser for its next post due within 14 days. */
export async function getSeriesContext(seriesId: string): Promise<SeriesContext> {
  "use cache";
  cacheForReaders(tags.posts, tags.allSeries, tags.authors);
  const rows = await db().$queryRaw<SeriesContextRow[]>`
    SELECT * FROM (${seriesRowsSql(Prisma.sql`${seriesId}`)}) rows ORDER BY ord`;
  return toSeriesContext(rows);
}

/** Up to three published posts related to a post: same series first, then same category, then shared tags. */
function relatedPostsSql(postId: Prisma.Sql, seriesId: Prisma.Sql, categoryId: Prisma.Sql) {
  return Prisma.sql`
    SELECT slug, title, "publishedAt" FROM (
      SELECT rp.slug, rp.title, rp."publishedAt",
             (CASE WHEN rp."seriesId" = ${seriesId} THEN 100 ELSE 0 END)
           + (CASE WHEN rp."categoryId" = ${categoryId} THEN 10 ELSE 0 END)
           + (SELECT count(*)::int FROM "PostTag" pt
               WHERE pt."postId" = rp.id
                 AND pt."tagId" IN (SELECT "tagId" FROM "PostTag" WHERE "postId" = ${postId})) AS score
        FROM "Post" rp
       WHERE ${readerVisibleSql("rp")} AND rp.id <> ${postId}
    ) ranked
    WHERE score > 0
    ORDER BY score DESC, "publishedAt" DESC
    LIMIT 3`;
}

export type PublishedPost = {
  id: string;
  slug: string;
  title: string;
  standfirst: string | null;
  bodyHtml: string;
  excerpt: string;
  readingMinutes: number;
  publishedAt: Date;
  updatedAt: Date;
  coverImageUrl: string | null;
  coverImageAlt: string | null;
  commentsOpen: boolean;
  seriesId: string | null;
  categoryId: string | null;
  authors: PostAuthorByline[];
  /** `sponsor` is the block to show now (its dates decided when the post was read). */
  category: { slug: string; name: string; sponsor: Sponsor | null } | null;
  series: { id: string; slug: string; title: string; isRunning: boolean; coverImageUrl: string | null } | null;
  tags: { id: string; slug: string; name: string }[];
  /** The post's place in its series (null outside a series). */
  seriesContext: SeriesContext | null;
  related: RelatedPost[];
  /** Its published corrections and clarifications, newest first. */
  corrections: PublicCorrection[];
  /** Right-of-reply responses an editor published, oldest first. */
  replies: PublishedReply[];
};

type PublishedPostRow = Omit<PublishedPost, "seriesContext" | "related" | "category" | "corrections" | "replies"> & {
  category: ({ slug: string } & SponsorColumns) | null;
  seriesRows: SeriesContextRow[] | null;
  related: { slug: string; title: string; publishedAt: string }[];
  corrections: { id: string; kind: PublicCorrection["kind"]; text: string; publishedAt: string }[];
  replies: (Omit<PublishedReply, "respondedAt" | "putAt"> & { respondedAt: string | null; putAt: string })[];
};

/**
 * A published post with everything its page shows except comments (bylines, category, series and
 * its numbering and teaser, tags, related posts) in one query: the post page's budget is four
 * queries when nothing is cached. bodyHtml was sanitized when the post was saved.
 */
export async function getPublishedPost(slug: string): Promise<PublishedPost | null> {
  "use cache";
  cacheForReaders(tags.post(slug), tags.posts, tags.authors, tags.categories, tags.allSeries, tags.postTags);
  const rows = await db().$queryRaw<PublishedPostRow[]>`
    SELECT p.id, p.slug, p.title, p.standfirst, p."bodyHtml", p.excerpt, p."readingMinutes",
           p."publishedAt", p."updatedAt", p."coverImageUrl", p."coverImageAlt", p."commentsOpen",
           p."seriesId", p."categoryId",
           (SELECT coalesce(json_agg(${publicProfileJson} ORDER BY pa.position), '[]'::json)
              FROM "PostAuthor" pa JOIN "AuthorProfile" a ON a.id = pa."profileId"
             WHERE pa."postId" = p.id) AS authors,
           (SELECT json_build_object('slug', c.slug, 'name', c.name, 'sponsorName', c."sponsorName",
                     'sponsorUrl', c."sponsorUrl", 'sponsorText', c."sponsorText", 'sponsorStrapline', c."sponsorStrapline",
                     'sponsorLogoUrl', c."sponsorLogoUrl", 'sponsorLogoAlt', c."sponsorLogoAlt",
                     'sponsorStartsOn', c."sponsorStartsOn", 'sponsorEndsOn', c."sponsorEndsOn")
              FROM "Category" c WHERE c.id = p."categoryId") AS category,
           (SELECT json_build_object('id', s.id, 'slug', s.slug, 'title', s.title, 'isRunning', s."isRunning",
                     'coverImageUrl', s."coverImageUrl")
              FROM "Series" s WHERE s.id = p."seriesId") AS series,
           (SELECT coalesce(json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) ORDER BY t.name), '[]'::json)
              FROM "PostTag" pt JOIN "Tag" t ON t.id = pt."tagId" WHERE pt."postId" = p.id) AS tags,
           (SELECT json_agg(r ORDER BY r.ord)
              FROM (${seriesRowsSql(Prisma.sql`p."seriesId"`)}) r) AS "seriesRows",
           (SELECT coalesce(json_agg(rel), '[]'::json)
              FROM (${relatedPostsSql(Prisma.sql`p.id`, Prisma.sql`p."seriesId"`, Prisma.sql`p."categoryId"`)}) rel) AS related,
           (SELECT coalesce(json_agg(json_build_object('id', k.id, 'kind', k.kind, 'text', k.text, 'publishedAt', k."publishedAt")
                     ORDER BY k."publishedAt" DESC, k.id DESC), '[]'::json)
              FROM "Correction" k WHERE k."postId" = p.id AND k."publishedAt" IS NOT NULL) AS corrections,
           (SELECT coalesce(json_agg(json_build_object('id', q.id, 'person', q.person, 'response', q.response, 'respondedAt', q."respondedAt", 'putAt', q."putAt")
                     ORDER BY q."publishedAt", q.id), '[]'::json)
              FROM "ReplyRequest" q WHERE q."postId" = p.id AND q."publishedAt" IS NOT NULL AND q.response IS NOT NULL) AS replies
      FROM "Post" p
     WHERE p.slug = ${slug} AND ${readerVisibleSql("p")}
     LIMIT 1`;
  const row = rows[0];
  if (!row) return null;
  const { seriesRows, related, category, corrections, replies, ...post } = row;
  const sponsorship = category ? sponsorAt(category, new Date()) : null;
  cacheUntil(sponsorship?.changesAt ?? null);
  return {
    ...post,
    category: category ? { slug: category.slug, name: category.name, sponsor: sponsorship?.sponsor ?? null } : null,
    seriesContext: post.seriesId ? toSeriesContext(seriesRows ?? []) : null,
    related: related.map((entry) => ({ ...entry, publishedAt: new Date(entry.publishedAt) })),
    corrections: corrections.map((entry) => ({ ...entry, publishedAt: new Date(entry.publishedAt) })),
    replies: replies.map((reply) => ({ ...reply, respondedAt: reply.respondedAt ? new Date(reply.respondedAt) : null, putAt: new Date(reply.putAt) })),
  };
}

export type FeedPost = {
  id: string;
  createdAt: Date;
  slug: string;
  title: string;
  standfirst: string | null;
  excerpt: string;
  bodyHtml: string;
  publishedAt: Date;
  updatedAt: Date;
  authors: PublicByline[];
  category: { name: string; slug: string } | null;
  corrections: PublicCorrection[];
};

export type FeedScope =
  | { kind: "site" }
  | { kind: "series"; slug: string }
  | { kind: "category"; slug: string }
  | { kind: "author"; slug: string };

function feedScopeWhere(scope: FeedScope): Prisma.PostWhereInput {
  switch (scope.kind) {
    case "site":
      return {};
    case "series":
      return { series: { slug: scope.slug } };
    case "category":
      return { category: { slug: scope.slug } };
    case "author":
      return { authors: { some: { profile: { slug: scope.slug } } } };
  }
}

/** The latest published posts for a feed, with their full (sanitized) bodies. */
export async function listFeedPosts(scope: FeedScope, limit = 20): Promise<FeedPost[]> {
  "use cache";
  cacheForReaders(tags.posts, tags.authors, tags.categories, tags.allSeries);
  const rows = await db().post.findMany({
    where: { AND: [publishedOnly, feedScopeWhere(scope)] },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      createdAt: true,
      slug: true,
      title: true,
      standfirst: true,
      excerpt: true,
      bodyHtml: true,
      publishedAt: true,
      updatedAt: true,
      category: { select: { name: true, slug: true } },
      authors: { orderBy: { position: "asc" }, select: { profile: { select: publicProfileSelect } } },
      corrections: publicCorrectionsQuery,
    },
  });
  return rows.map(({ authors, publishedAt, corrections, ...rest }) => ({
    ...rest,
    corrections: corrections.map(toPublicCorrection),
    publishedAt: publishedAt ?? rest.updatedAt,
    authors: authors.map((author) => author.profile),
  }));
}

/** Every published post's URL data for the sitemap. */
export async function listSitemapPosts() {
  "use cache";
  cacheForReaders(tags.posts);
  return db().post.findMany({
    where: publishedOnly,
    orderBy: { publishedAt: "desc" },
    select: { slug: true, updatedAt: true },
  });
}
