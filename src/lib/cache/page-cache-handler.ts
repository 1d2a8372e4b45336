// The handler for whole pages and route handlers (next.config.ts `cacheHandler`): Next's own file
// system cache (the pages prerendered by `next build`, then entries in this process's memory,
// bounded by `cacheMaxMemorySize`), whose entries are also checked against the tag invalidations
// every process shares through PostgreSQL (shared-tags.ts). Next checks a page's tags only against
// invalidations made in this process; a page another process invalidated is a miss here too.
//
// Loaded by Node itself inside the Next server: relative imports name their .ts file.
import { createRequire } from "node:module";
import type FileSystemCacheClass from "next/dist/server/lib/incremental-cache/file-system-cache";
import type { CacheHandlerValue } from "next/dist/server/lib/incremental-cache";
import { databaseHealth } from "../database-health.ts";
import { sharedCacheTags } from "./shared-tags.ts";

const require = createRequire(import.meta.url);
const FileSystemCache = (require("next/dist/server/lib/incremental-cache/file-system-cache") as { default: typeof FileSystemCacheClass }).default;

const STARTUP_WAIT_MS = 2000;
const CACHE_TAGS_HEADER = "x-next-cache-tags";

type GetArguments = Parameters<FileSystemCacheClass["get"]>;

function tagsOf(entry: CacheHandlerValue, context: GetArguments[1]): string[] {
  const value = entry.value;
  if (value && "headers" in value && value.headers) {
    const header = value.headers[CACHE_TAGS_HEADER];
    return typeof header === "string" ? header.split(",") : [];
  }
  if ("tags" in context || "softTags" in context) {
    return [...(("tags" in context && context.tags) || []), ...(("softTags" in context && context.softTags) || [])];
  }
  return [];
}

export default class SharedTagsPageCache extends FileSystemCache {
  async get(...args: GetArguments): Promise<CacheHandlerValue | null> {
    const shared = sharedCacheTags();
    // With the database not answering, nothing can have changed since the listener last heard: what is
    // held is served (invalidations known before are still obeyed below) rather than a render that fails.
    const servingThroughOutage = databaseHealth().isDown() && shared.everTrusted();
    if (!shared.isTrusted() && !servingThroughOutage && !(await shared.whenTrusted(STARTUP_WAIT_MS))) return null;
    const entry = await super.get(...args);
    if (!entry) return entry;
    const tags = tagsOf(entry, args[1]);
    // Served stale nowhere: a tag invalidated after the entry was made means a fresh render now.
    if (shared.times.isExpired(tags, entry.lastModified, Date.now()) || shared.times.isStale(tags, entry.lastModified)) return null;
    return entry;
  }

  // revalidateTag needs nothing more than Next's own: Next calls the 'use cache' handler's
  // updateTags (use-cache-handler.ts) for the same tags, which shares them with every process.
}
