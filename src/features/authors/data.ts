// Reads for author pages. Profiles are selected only through publicProfileSelect (@/features/posts/bylines).
import "server-only";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
import { ARCHIVE_PAGE_SIZE, listPublishedPostPage } from "@/features/posts/data";
import { publishedOnly } from "@/features/posts/reader-visibility";
import { publicProfileSelect } from "@/features/posts/bylines";

/** An author page's profile, or null. Only profiles with at least one published post are public. */
export async function getPublicAuthor(slug: string) {
  "use cache";
  cacheForReaders(tags.authors, tags.author(slug), tags.posts);
  return db().authorProfile.findFirst({
    where: { slug, posts: { some: { post: publishedOnly } } },
    select: { id: true, bio: true, ...publicProfileSelect },
  });
}

/** Every author with a published post, by name (for the sitemap and feeds). */
export async function listPublicAuthors() {
  "use cache";
  cacheForReaders(tags.authors, tags.posts);
  return db().authorProfile.findMany({
    where: { posts: { some: { post: publishedOnly } } },
    orderBy: { displayName: "asc" },
    select: { ...publicProfileSelect, updatedAt: true },
  });
}

export async function listAuthorPosts(profileId: string, page = 1) {
  "use cache";
  cacheForReaders(tags.authors, tags.posts, tags.categories, tags.allSeries, tags.allComments);
  return listPublishedPostPage({ authors: { some: { profileId } } }, page, ARCHIVE_PAGE_SIZE);
}
