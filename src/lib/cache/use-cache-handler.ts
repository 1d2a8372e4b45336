// The handler for 'use cache' (next.config.ts `cacheHandlers.default`): entries in this process's
// memory, at most MAX_BYTES of them, least recently used dropped first; invalidation shared by every
// process through PostgreSQL (shared-tags.ts). Modelled on Next's own default handler.
//
// Loaded by Node itself inside the Next server: relative imports name their .ts file.
import type { CacheEntry, CacheHandler } from "next/cache";
import { databaseHealth } from "../database-health.ts";
import { sharedCacheTags, staleSecondsOf } from "./shared-tags.ts";

const MAX_BYTES = 50 * 1024 * 1024;
/** How long the first requests after start-up wait for the tag table before rendering afresh. */
const STARTUP_WAIT_MS = 2000;

type StoredEntry = Omit<CacheEntry, "value"> & { value: Uint8Array; size: number };

/** Entries by key in least-recently-used order, bounded by their total size. */
export class SizeBoundedLru<T extends { size: number }> {
  private readonly entries = new Map<string, T>();
  private total = 0;
  private readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: T): void {
    this.delete(key);
    if (entry.size > this.maxBytes) return;
    this.entries.set(key, entry);
    this.total += entry.size;
    for (const [oldest, value] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= value.size;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.size;
  }

  get bytes(): number {
    return this.total;
  }
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export function createUseCacheHandler(maxBytes = MAX_BYTES): CacheHandler {
  const memory = new SizeBoundedLru<StoredEntry>(maxBytes);
  const pendingSets = new Map<string, Promise<void>>();
  const tags = () => sharedCacheTags();

  return {
    async get(cacheKey) {
      await pendingSets.get(cacheKey);
      const stored = memory.get(cacheKey);
      if (!stored) return undefined;
      const shared = tags();
      // With the database not answering nothing can have changed: what is held is served, however old
      // (invalidations known before the outage are still obeyed below), rather than a render that fails.
      const outage = databaseHealth().isDown() && shared.everTrusted();
      // Invalidations may have been missed while the listener was down: render afresh meanwhile.
      if (!shared.isTrusted() && !outage) return undefined;
      const now = Date.now();
      // Like Next's default in production: past `revalidate` an in-memory entry is not worth serving stale.
      if (!outage && now > stored.timestamp + stored.revalidate * 1000) return undefined;
      if (shared.times.isExpired(stored.tags, stored.timestamp, now)) {
        memory.delete(cacheKey);
        return undefined;
      }
      const revalidate = shared.times.isStale(stored.tags, stored.timestamp) ? -1 : stored.revalidate;
      return { ...stored, revalidate, value: streamOf(stored.value) };
    },

    async set(cacheKey, pendingEntry) {
      let finish = () => {};
      pendingSets.set(cacheKey, new Promise<void>((resolve) => (finish = resolve)));
      try {
        const entry = await pendingEntry;
        // `expire: 0` marks a dynamic entry that Next never reads back.
        if (entry.expire === 0) return;
        const value = new Uint8Array(await new Response(entry.value).arrayBuffer());
        const { tags, stale, timestamp, expire, revalidate } = entry;
        memory.set(cacheKey, { tags, stale, timestamp, expire, revalidate, value, size: value.byteLength + cacheKey.length });
      } catch {
        // A failed render leaves no entry: the next request renders again.
      } finally {
        pendingSets.delete(cacheKey);
        finish();
      }
    },

    async refreshTags() {
      // The listener keeps the tag times current; only the first requests after start-up wait for it.
      const shared = tags();
      if (!shared.isTrusted()) await shared.whenTrusted(STARTUP_WAIT_MS);
    },

    async getExpiration(softTags) {
      return tags().times.latestExpiry(softTags);
    },

    async updateTags(tagsToUpdate, durations) {
      await tags().invalidate(tagsToUpdate, staleSecondsOf(durations));
    },
  };
}

export default createUseCacheHandler();
