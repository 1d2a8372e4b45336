// Reads for category pages.
import "server-only";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
import { ARCHIVE_PAGE_SIZE, listPublishedPostPage, publishedOnly } from "@/features/posts/data";

/** A category with at least one published post, or null. */
export async function getPublicCategory(slug: string) {
  "use cache";
  cacheForReaders(tags.categories, tags.category(slug), tags.posts);
  return db().category.findFirst({
    where: { slug, posts: { some: publishedOnly } },
    select: { id: true, slug: true, name: true, description: true, sponsorName: true, sponsorUrl: true, sponsorText: true },
  });
}

export async function listCategoryPosts(categoryId: string, page = 1) {
  "use cache";
  cacheForReaders(tags.categories, tags.posts, tags.authors, tags.allSeries, tags.allComments);
  return listPublishedPostPage({ categoryId }, page, ARCHIVE_PAGE_SIZE);
}

/** Every category with a published post, by name. */
export async function listPublicCategories() {
  "use cache";
  cacheForReaders(tags.categories, tags.posts);
  return db().category.findMany({
    where: { posts: { some: publishedOnly } },
    orderBy: { name: "asc" },
    select: { slug: true, name: true },
  });
}
