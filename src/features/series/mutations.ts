// Series writes: the order of a series' posts.
import "server-only";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";

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
  await db().$transaction(ordered.map((id, index) => db().post.update({ where: { id }, data: { seriesPosition: index + 1 } })));
  return { tagsToInvalidate: [tags.site, tags.allSeries, tags.series(series.slug), tags.posts] };
}
