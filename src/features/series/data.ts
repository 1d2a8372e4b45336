// Reads for series pages, the series list and the series admin.
import "server-only";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
import { postCardSelect, publishedOnly, toPostCard } from "@/features/posts/data";

/** A series with at least one published post, or null. */
export async function getPublicSeries(slug: string) {
  "use cache";
  cacheForReaders(tags.allSeries, tags.series(slug), tags.posts);
  return db().series.findFirst({
    where: { slug, posts: { some: publishedOnly } },
    select: { id: true, slug: true, title: true, description: true, isRunning: true },
  });
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

/** Every series with a published post: running ones first, then by title, with post counts. */
export async function listPublicSeries() {
  "use cache";
  cacheForReaders(tags.allSeries, tags.posts);
  const rows = await db().series.findMany({
    where: { posts: { some: publishedOnly } },
    orderBy: [{ isRunning: "desc" }, { title: "asc" }],
    select: {
      slug: true,
      title: true,
      description: true,
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
  return rows.map(({ _count, posts, ...series }) => ({ ...series, postCount: _count.posts, latest: posts[0] ?? null }));
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
