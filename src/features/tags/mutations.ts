// Tag writes: rename, merge one tag into another, delete. Tags are created from the post editor
// (src/features/posts/store.ts).
import "server-only";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { InputError } from "@/lib/errors";
import { keepOldAddress, moveRedirects } from "@/lib/redirect-table";
import { paths } from "@/lib/seo";
import { retagPosts } from "@/features/posts/store";

/** Another tag has the slug: the form shows this on the slug field. */
export class TagSlugTakenError extends InputError {
  constructor(slug: string) {
    const message = `Another tag already uses the slug “${slug}”. To combine the two, merge them instead.`;
    super(message, { slug: message });
  }
}

/** Tags are on post pages and have their own archive pages. */
export function tagReaderTags(...slugs: string[]): string[] {
  return [tags.postTags, ...[...new Set(slugs)].map((slug) => tags.tag(slug)), tags.redirects];
}

const tagPath = (slug: string) => paths.tag(slug);

/** Renames a tag; a changed slug keeps the old address as a redirect. Null when the tag is gone. */
export async function renameTagRow(tagId: string, fields: { name: string; slug: string }): Promise<{ previousSlug: string; slug: string } | null> {
  const current = await db().tag.findUnique({ where: { id: tagId }, select: { slug: true } });
  if (!current) return null;
  const holder = await db().tag.findUnique({ where: { slug: fields.slug }, select: { id: true } });
  if (holder && holder.id !== tagId) throw new TagSlugTakenError(fields.slug);
  await db().$transaction(async (tx) => {
    await tx.tag.update({ where: { id: tagId }, data: fields });
    await keepOldAddress(tx, { type: "TAG", id: tagId }, tagPath(current.slug), tagPath(fields.slug));
  });
  return { previousSlug: current.slug, slug: fields.slug };
}

type TagName = { name: string; slug: string };

/**
 * Every post tagged `fromTagId` gets `intoTagId` instead, and the first tag goes; its old address
 * (and any that led to it) now leads to the second. Null when either tag is gone.
 */
export async function mergeTagRows(fromTagId: string, intoTagId: string): Promise<{ from: TagName; into: TagName; retaggedPosts: number } | null> {
  return db().$transaction(async (tx) => {
    const [from, into] = await Promise.all([
      tx.tag.findUnique({ where: { id: fromTagId }, select: { name: true, slug: true, _count: { select: { posts: true } } } }),
      tx.tag.findUnique({ where: { id: intoTagId }, select: { name: true, slug: true } }),
    ]);
    if (!from || !into) return null;
    await retagPosts(tx, fromTagId, intoTagId);
    await tx.tag.delete({ where: { id: fromTagId } });
    await moveRedirects(tx, { type: "TAG", id: fromTagId }, { type: "TAG", id: intoTagId });
    await keepOldAddress(tx, { type: "TAG", id: intoTagId }, tagPath(from.slug), tagPath(into.slug));
    return { from: { name: from.name, slug: from.slug }, into, retaggedPosts: from._count.posts };
  });
}

/** Deletes a tag (its posts simply lose it) and the old addresses that led to it. Null when it is gone. */
export async function deleteTagRow(tagId: string): Promise<{ name: string; slug: string; postCount: number } | null> {
  return db().$transaction(async (tx) => {
    const tag = await tx.tag.findUnique({ where: { id: tagId }, select: { name: true, slug: true, _count: { select: { posts: true } } } });
    if (!tag) return null;
    await tx.tag.delete({ where: { id: tagId } });
    await moveRedirects(tx, { type: "TAG", id: tagId }, null);
    return { name: tag.name, slug: tag.slug, postCount: tag._count.posts };
  });
}
