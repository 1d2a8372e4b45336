// Series writes: the series itself (create, edit, archive, delete) and the order of its posts.
import "server-only";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { InputError } from "@/lib/errors";
import { keepOldAddress, moveRedirects, releaseAddress } from "@/lib/redirect-table";
import { paths } from "@/lib/seo";
import { numberSeriesPosts } from "@/features/posts/store";
import type { SeriesFields } from "./schema";

/** Another series has the slug: the form shows this on the slug field. */
export class SeriesSlugTakenError extends InputError {
  constructor(slug: string) {
    const message = `Another series already uses the slug “${slug}”. Choose a different one.`;
    super(message, { slug: message });
  }
}

/** What readers see of series: pages, the list, series boxes and post cards, and old addresses. */
export function seriesReaderTags(...slugs: string[]): string[] {
  return [tags.allSeries, ...[...new Set(slugs)].map((slug) => tags.series(slug)), tags.redirects];
}

async function assertSlugFree(slug: string, exceptId?: string) {
  const holder = await db().series.findUnique({ where: { slug }, select: { id: true } });
  if (holder && holder.id !== exceptId) throw new SeriesSlugTakenError(slug);
}

export async function createSeriesRow(fields: SeriesFields): Promise<{ id: string; slug: string }> {
  await assertSlugFree(fields.slug);
  return db().$transaction(async (tx) => {
    await releaseAddress(tx, paths.series(fields.slug));
    return tx.series.create({ data: fields, select: { id: true, slug: true } });
  });
}

/** Saves a series; a changed slug keeps the old address as a redirect. Null when the series is gone. */
export async function updateSeriesRow(seriesId: string, fields: SeriesFields): Promise<{ previousSlug: string; slug: string } | null> {
  const current = await db().series.findUnique({ where: { id: seriesId }, select: { slug: true } });
  if (!current) return null;
  await assertSlugFree(fields.slug, seriesId);
  await db().$transaction(async (tx) => {
    await tx.series.update({ where: { id: seriesId }, data: fields });
    await keepOldAddress(tx, { type: "SERIES", id: seriesId }, paths.series(current.slug), paths.series(fields.slug));
  });
  return { previousSlug: current.slug, slug: fields.slug };
}

export async function setSeriesArchived(seriesId: string, archived: boolean): Promise<{ slug: string; title: string } | null> {
  const { count } = await db().series.updateMany({ where: { id: seriesId }, data: { archivedAt: archived ? new Date() : null } });
  if (count === 0) return null;
  return db().series.findUniqueOrThrow({ where: { id: seriesId }, select: { slug: true, title: true } });
}

export type SeriesDeletion = { outcome: "deleted"; slug: string; title: string } | { outcome: "has-posts"; postCount: number } | { outcome: "missing" };

/** Deletes a series with no posts in any state (with its old addresses); refuses one that has posts. */
export async function deleteEmptySeries(seriesId: string): Promise<SeriesDeletion> {
  return db().$transaction(async (tx) => {
    const series = await tx.series.findUnique({ where: { id: seriesId }, select: { slug: true, title: true, _count: { select: { posts: true } } } });
    if (!series) return { outcome: "missing" };
    if (series._count.posts > 0) return { outcome: "has-posts", postCount: series._count.posts };
    // Guarded again in the statement itself, should a post join the series meanwhile.
    const { count } = await tx.series.deleteMany({ where: { id: seriesId, posts: { none: {} } } });
    if (count === 0) return { outcome: "has-posts", postCount: await tx.post.count({ where: { seriesId } }) };
    await moveRedirects(tx, { type: "SERIES", id: seriesId }, null);
    return { outcome: "deleted", slug: series.slug, title: series.title };
  });
}

/** Numbers the series 1, 2, 3… in the given order; posts left out follow, keeping their order. Null when the series is gone. */
export async function reorderSeriesPosts(seriesId: string, postIds: string[]) {
  const series = await db().series.findUnique({
    where: { id: seriesId },
    select: { slug: true, posts: { select: { id: true }, orderBy: [{ seriesPosition: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }] } },
  });
  if (!series) return null;
  const members = series.posts.map((post) => post.id);
  const named = [...new Set(postIds.filter((id) => members.includes(id)))];
  const ordered = [...named, ...members.filter((id) => !named.includes(id))];
  await numberSeriesPosts(seriesId, ordered);
  return { tagsToInvalidate: [tags.site, tags.allSeries, tags.series(series.slug), tags.posts] };
}
