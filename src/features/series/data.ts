// Reads for series pages, the series list and the series admin.
import "server-only";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { excerptOf, renderPlainText, renderPostMarkdown } from "@/lib/markdown";
import { cacheForReaders } from "@/lib/reader-cache";
import { postCardSelect, toPostCard } from "@/features/posts/data";
import { publishedOnly } from "@/features/posts/reader-visibility";

const SUMMARY_LENGTH = 320;

/** The description as readers get it: sanitized HTML for the page, a plain summary for lists and meta tags. */
function describe(markdown: string) {
  return markdown
    ? { descriptionHtml: renderPostMarkdown(markdown).html, summary: excerptOf(renderPlainText(markdown), SUMMARY_LENGTH) }
    : { descriptionHtml: "", summary: "" };
}

/** A series with at least one published post, or null. An archived series keeps its page. */
export async function getPublicSeries(slug: string) {
  "use cache";
  cacheForReaders(tags.allSeries, tags.series(slug), tags.posts);
  const series = await db().series.findFirst({
    where: { slug, posts: { some: publishedOnly } },
    select: { id: true, slug: true, title: true, description: true, coverImageUrl: true, coverImageAlt: true, isRunning: true, showsTeaser: true },
  });
  if (!series) return null;
  const { description, ...rest } = series;
  return { ...rest, ...describe(description) };
}

/** A series' published posts in reading order, numbered from 1 (the same order as the series box). */
export async function listSeriesPosts(seriesId: string) {
  "use cache";
  cacheForReaders(tags.allSeries, tags.posts, tags.authors, tags.categories, tags.allComments);
  const rows = await db().post.findMany({
    where: { ...publishedOnly, seriesId },
    orderBy: [{ seriesPosition: { sort: "asc", nulls: "last" } }, { publishedAt: "asc" }, { id: "asc" }],
    select: postCardSelect,
  });
  return rows.map((row, index) => ({ ...toPostCard(row), number: index + 1 }));
}

/** Every series with a published post and not archived: running ones first, then by title, with post counts. */
export async function listPublicSeries() {
  "use cache";
  cacheForReaders(tags.allSeries, tags.posts);
  const rows = await db().series.findMany({
    where: { archivedAt: null, posts: { some: publishedOnly } },
    orderBy: [{ isRunning: "desc" }, { title: "asc" }],
    select: {
      slug: true,
      title: true,
      description: true,
      coverImageUrl: true,
      isRunning: true,
      _count: { select: { posts: { where: publishedOnly } } },
      posts: {
        where: publishedOnly,
        orderBy: { publishedAt: "desc" },
        take: 1,
        select: { slug: true, title: true, publishedAt: true },
      },
    },
  });
  return rows.map(({ _count, posts, description, ...series }) => ({
    ...series,
    summary: describe(description).summary,
    postCount: _count.posts,
    latest: posts[0] ?? null,
  }));
}

// ---------- admin ----------

/** Every series with all its posts in order, whatever their state (the ordering screen). */
export async function listSeriesWithPosts() {
  return db().series.findMany({
    orderBy: { title: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      posts: { orderBy: [{ seriesPosition: "asc" }, { createdAt: "asc" }], select: { id: true, title: true, status: true, seriesPosition: true } },
    },
  });
}

/** The series table in the admin: each series with its state and post counts. */
export async function listSeriesForAdmin() {
  const rows = await db().series.findMany({
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { title: "asc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      isRunning: true,
      archivedAt: true,
      _count: { select: { posts: true } },
      posts: { where: publishedOnly, select: { id: true } },
    },
  });
  return rows.map(({ _count, posts, ...series }) => ({ ...series, postCount: _count.posts, publishedCount: posts.length }));
}

export async function findSeriesForEditing(seriesId: string) {
  return db().series.findUnique({
    where: { id: seriesId },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      coverImageUrl: true,
      coverImageAlt: true,
      isRunning: true,
      showsTeaser: true,
      archivedAt: true,
      _count: { select: { posts: true } },
    },
  });
}
