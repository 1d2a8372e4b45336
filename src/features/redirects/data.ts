// Resolving the redirect table (rows are written through src/lib/redirect-table.ts): an old address
// leads to its target's CURRENT address, looked up by id on every (cached) resolution, so a slug
// changed twice, or a tag merged into another, still leads to the right place.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { RedirectTargetType } from "@/generated/prisma/enums";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
import { paths } from "@/lib/seo";
import { readerVisibleSql } from "@/features/posts/reader-visibility";

type TargetKind = {
  /** SQL for the target's current slug, or NULL when it is gone or not public (then: no redirect). */
  currentSlug: (targetId: Prisma.Sql) => Prisma.Sql;
  /** The address of that slug. */
  address: (slug: string) => string;
};

/** One entry per target type: the seam where a new kind of target (pages) plugs in. */
const targetKinds: Record<RedirectTargetType, TargetKind> = {
  POST: {
    currentSlug: (id) => Prisma.sql`(SELECT rp.slug FROM "Post" rp WHERE rp.id = ${id} AND ${readerVisibleSql("rp")})`,
    address: paths.post,
  },
  PAGE: {
    currentSlug: (id) => Prisma.sql`(SELECT slug FROM "Page" WHERE id = ${id} AND status = 'PUBLISHED')`,
    address: paths.page,
  },
  SERIES: {
    currentSlug: (id) => Prisma.sql`(SELECT slug FROM "Series" WHERE id = ${id})`,
    address: paths.series,
  },
  CATEGORY: {
    currentSlug: (id) => Prisma.sql`(SELECT slug FROM "Category" WHERE id = ${id})`,
    address: (slug) => paths.category(slug),
  },
  TAG: {
    currentSlug: (id) => Prisma.sql`(SELECT slug FROM "Tag" WHERE id = ${id})`,
    address: (slug) => paths.tag(slug),
  },
  AUTHOR: {
    currentSlug: (id) => Prisma.sql`(SELECT slug FROM "AuthorProfile" WHERE id = ${id})`,
    address: (slug) => paths.author(slug),
  },
};

const currentSlugCase = Prisma.sql`CASE r."targetType" ${Prisma.join(
  (Object.keys(targetKinds) as RedirectTargetType[]).map(
    (type) => Prisma.sql`WHEN ${Prisma.raw(`'${type}'`)} THEN ${targetKinds[type].currentSlug(Prisma.sql`r."targetId"`)}`,
  ),
  " ",
)} END`;

/**
 * Where an old address leads now: the target's current address plus the row's suffix, or null when
 * the path is not in the table or its target is gone. One query, cached per path until a redirect
 * or any slug changes.
 */
export async function findRedirect(fromPath: string): Promise<string | null> {
  "use cache";
  cacheForReaders(tags.redirects, tags.posts, tags.pages, tags.allSeries, tags.categories, tags.postTags, tags.authors);
  const rows = await db().$queryRaw<{ targetType: RedirectTargetType; suffix: string; slug: string | null }[]>`
    SELECT r."targetType"::text AS "targetType", r.suffix, ${currentSlugCase} AS slug
      FROM "Redirect" r
     WHERE r."fromPath" = ${fromPath}`;
  const row = rows[0];
  if (!row?.slug) return null;
  return `${targetKinds[row.targetType].address(row.slug)}${row.suffix}`;
}

/**
 * For an archive route whose slug is unknown: where `/series/<old>` (the base) leads now, with the
 * rest of the requested path (`/feed.xml`, `/page/2`) kept after it.
 */
export async function findRedirectKeepingRest(basePath: string, rest = ""): Promise<string | null> {
  const target = await findRedirect(basePath);
  return target === null ? null : `${target}${rest}`;
}
