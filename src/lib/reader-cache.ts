// Lifetime and tags for cached reader data. Called first inside every 'use cache' reader function.
import { cacheLife, cacheTag } from "next/cache";
import { tags } from "@/lib/cache-tags";

/**
 * Tag invalidation makes edits visible at once, in every web process (src/lib/cache). The short
 * `revalidate` bounds how stale a page can be when no invalidation reaches the cache: after a direct
 * database change, or when an invalidation could not be written because the database was unreachable.
 */
export const readerCacheLife = { stale: 60, revalidate: 120, expire: 60 * 60 * 24 } as const;

/** Outside Next (tests, scripts) there is no cache: the function simply runs. */
export function cacheForReaders(...tagNames: string[]) {
  if (!process.env.__NEXT_USE_CACHE) return;
  cacheLife(readerCacheLife);
  cacheTag(tags.site, ...tagNames);
}
