// Reads for category pages and the category admin.
import "server-only";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders, cacheUntil } from "@/lib/reader-cache";
import { ARCHIVE_PAGE_SIZE, listPublishedPostPage } from "@/features/posts/data";
import { publishedOnly } from "@/features/posts/reader-visibility";
import { calendarDay, sponsorAt } from "@/features/posts/sponsorship";

const sponsorColumns = {
  sponsorName: true,
  sponsorUrl: true,
  sponsorText: true,
  sponsorStrapline: true,
  sponsorLogoUrl: true,
  sponsorLogoAlt: true,
  sponsorStartsOn: true,
  sponsorEndsOn: true,
} as const;

/**
 * A category with at least one published post, or null, with the sponsor block to show now. The
 * cached answer lives until the block's next first or last day, so it never shows an ended sponsorship.
 */
export async function getPublicCategory(slug: string) {
  "use cache";
  cacheForReaders(tags.categories, tags.category(slug), tags.posts);
  const category = await db().category.findFirst({
    where: { slug, posts: { some: publishedOnly } },
    select: { id: true, slug: true, name: true, description: true, ...sponsorColumns },
  });
  if (!category) return null;
  const { sponsor, changesAt } = sponsorAt(category, new Date());
  cacheUntil(changesAt);
  return { id: category.id, slug: category.slug, name: category.name, description: category.description, sponsor };
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

// ---------- admin ----------

/** The category table: each category with its post count and whether its sponsor block shows today. */
export async function listCategoriesForAdmin(now = new Date()) {
  const rows = await db().category.findMany({
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, ...sponsorColumns, _count: { select: { posts: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    postCount: row._count.posts,
    sponsorName: row.sponsorName,
    sponsorStartsOn: row.sponsorStartsOn && calendarDay(row.sponsorStartsOn),
    sponsorEndsOn: row.sponsorEndsOn && calendarDay(row.sponsorEndsOn),
    sponsorState: sponsorAt(row, now).state,
  }));
}

export async function findCategoryForEditing(categoryId: string) {
  const category = await db().category.findUnique({
    where: { id: categoryId },
    select: { id: true, slug: true, name: true, description: true, ...sponsorColumns, _count: { select: { posts: true, subscribers: true } } },
  });
  if (!category) return null;
  const { _count, sponsorStartsOn, sponsorEndsOn, ...rest } = category;
  return {
    ...rest,
    sponsorStartsOn: sponsorStartsOn ? calendarDay(sponsorStartsOn) : "",
    sponsorEndsOn: sponsorEndsOn ? calendarDay(sponsorEndsOn) : "",
    postCount: _count.posts,
    subscriberCount: _count.subscribers,
  };
}

/** Other categories a deleted one's posts may move to. */
export async function listOtherCategories(categoryId: string) {
  return db().category.findMany({ where: { id: { not: categoryId } }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
