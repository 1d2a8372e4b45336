// Category writes: the category and its sponsor block, and deleting one (its posts move elsewhere).
import "server-only";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { InputError } from "@/lib/errors";
import { keepOldAddress, moveRedirects, releaseAddress } from "@/lib/redirect-table";
import { paths } from "@/lib/seo";
import { movePostsToCategory } from "@/features/posts/store";
import type { CategoryFields } from "./schema";

/** Another category has the slug: the form shows this on the slug field. */
export class CategorySlugTakenError extends InputError {
  constructor(slug: string) {
    const message = `Another category already uses the slug “${slug}”. Choose a different one.`;
    super(message, { slug: message });
  }
}

/** Category names are on post pages, cards and feeds; sponsor blocks on post and category pages. */
export function categoryReaderTags(...slugs: string[]): string[] {
  return [tags.categories, ...[...new Set(slugs)].map((slug) => tags.category(slug)), tags.redirects];
}

const categoryPath = (slug: string) => paths.category(slug);

async function assertSlugFree(slug: string, exceptId?: string) {
  const holder = await db().category.findUnique({ where: { slug }, select: { id: true } });
  if (holder && holder.id !== exceptId) throw new CategorySlugTakenError(slug);
}

export async function createCategoryRow(fields: CategoryFields): Promise<{ id: string; slug: string }> {
  await assertSlugFree(fields.slug);
  return db().$transaction(async (tx) => {
    await releaseAddress(tx, categoryPath(fields.slug));
    return tx.category.create({ data: fields, select: { id: true, slug: true } });
  });
}

/** Saves a category; a changed slug keeps the old address as a redirect. Null when the category is gone. */
export async function updateCategoryRow(categoryId: string, fields: CategoryFields): Promise<{ previousSlug: string; slug: string } | null> {
  const current = await db().category.findUnique({ where: { id: categoryId }, select: { slug: true } });
  if (!current) return null;
  await assertSlugFree(fields.slug, categoryId);
  await db().$transaction(async (tx) => {
    await tx.category.update({ where: { id: categoryId }, data: fields });
    await keepOldAddress(tx, { type: "CATEGORY", id: categoryId }, categoryPath(current.slug), categoryPath(fields.slug));
  });
  return { previousSlug: current.slug, slug: fields.slug };
}

export type CategoryDeletion =
  | { outcome: "deleted"; name: string; slug: string; movedPosts: number; destination: { name: string; slug: string } | null }
  | { outcome: "missing" }
  | { outcome: "destination-missing" };

/**
 * Deletes a category. Its posts move to `destinationId` (or to no category), and so do its
 * subscribers and its old addresses: with a destination, /categories/<slug> then leads there.
 */
export async function deleteCategoryMovingPosts(categoryId: string, destinationId: string | null): Promise<CategoryDeletion> {
  return db().$transaction(async (tx) => {
    const category = await tx.category.findUnique({ where: { id: categoryId }, select: { name: true, slug: true } });
    if (!category) return { outcome: "missing" };
    const destination = destinationId ? await tx.category.findUnique({ where: { id: destinationId }, select: { id: true, name: true, slug: true } }) : null;
    if (destinationId && !destination) return { outcome: "destination-missing" };
    const movedPosts = await movePostsToCategory(tx, categoryId, destination?.id ?? null);
    if (destination) {
      await tx.$executeRaw`
        INSERT INTO "SubscriberCategory" ("subscriberId", "categoryId")
        SELECT "subscriberId", ${destination.id} FROM "SubscriberCategory" WHERE "categoryId" = ${categoryId}
        ON CONFLICT DO NOTHING`;
    }
    await moveRedirects(tx, { type: "CATEGORY", id: categoryId }, destination ? { type: "CATEGORY", id: destination.id } : null);
    if (destination) await keepOldAddress(tx, { type: "CATEGORY", id: destination.id }, categoryPath(category.slug), categoryPath(destination.slug));
    await tx.category.delete({ where: { id: categoryId } });
    return { outcome: "deleted", name: category.name, slug: category.slug, movedPosts, destination: destination && { name: destination.name, slug: destination.slug } };
  });
}
