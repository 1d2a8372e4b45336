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

/** Next keeps no static page for less than this: a shorter `expire` would make the page dynamic. */
export const SHORTEST_CACHE_SECONDS = 300;

/**
 * Ends a cached reader function's life at `boundary`, when what it shows changes by the clock alone
 * (a sponsor block's first or last day). The page is then rendered afresh on the first request after
 * it, never served stale. A boundary nearer than SHORTEST_CACHE_SECONDS gets that long: content that
 * must not outlive its boundary is taken down that much early (src/features/posts/sponsorship.ts).
 */
export function cacheUntil(boundary: Date | null, now = new Date()) {
  if (!process.env.__NEXT_USE_CACHE || !boundary) return;
  const expire = Math.max(SHORTEST_CACHE_SECONDS, Math.ceil((boundary.getTime() - now.getTime()) / 1000));
  if (expire < readerCacheLife.expire) cacheLife({ ...readerCacheLife, expire });
}
