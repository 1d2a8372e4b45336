// Reads for tag pages.
import "server-only";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
import { ARCHIVE_PAGE_SIZE, listPublishedPostPage } from "@/features/posts/data";
import { publishedOnly } from "@/features/posts/reader-visibility";

/** A tag on at least one published post, or null. */
export async function getPublicTag(slug: string) {
  "use cache";
  cacheForReaders(tags.postTags, tags.tag(slug), tags.posts);
  return db().tag.findFirst({
    where: { slug, posts: { some: { post: publishedOnly } } },
    select: { id: true, slug: true, name: true },
  });
}

export async function listTagPosts(tagId: string, page = 1) {
  "use cache";
  cacheForReaders(tags.postTags, tags.posts, tags.authors, tags.categories, tags.allSeries, tags.allComments);
  return listPublishedPostPage({ tags: { some: { tagId } } }, page, ARCHIVE_PAGE_SIZE);
}

/** Every tag on a published post, by name (for the sitemap). */
export async function listPublicTags() {
  "use cache";
  cacheForReaders(tags.postTags, tags.posts);
  return db().tag.findMany({
    where: { posts: { some: { post: publishedOnly } } },
    orderBy: { name: "asc" },
    select: { slug: true, name: true },
  });
}

// ---------- admin ----------

/** Every tag by name with how many posts (in any state) carry it. */
export async function listTagsForAdmin() {
  const rows = await db().tag.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, slug: true, _count: { select: { posts: true } } } });
  return rows.map(({ _count, ...tag }) => ({ ...tag, postCount: _count.posts }));
}

export async function findTagForEditing(tagId: string) {
  const tag = await db().tag.findUnique({ where: { id: tagId }, select: { id: true, name: true, slug: true, _count: { select: { posts: true } } } });
  return tag && { id: tag.id, name: tag.name, slug: tag.slug, postCount: tag._count.posts };
}
