// Invalidates reader-page cache tags. Inside the Next server this is revalidateTag, which the cache
// handlers share with every other process (src/lib/cache). The worker and scripts run outside Next:
// they write the same invalidation to the database, which notifies every web process.
import "server-only";
import { revalidateTag } from "next/cache";
import { invalidationWriter, writeTagInvalidations } from "@/lib/cache/shared-tags";

/** Expired at once, not marked stale: the next request renders afresh instead of serving the old page. */
export function expireTagsNow(tagsToExpire: string[]): void {
  for (const tag of tagsToExpire) revalidateTag(tag, { expire: 0 });
}

export async function invalidateTags(tagsToInvalidate: string[]): Promise<void> {
  if (tagsToInvalidate.length === 0) return;
  if (process.env.NEXT_RUNTIME) {
    expireTagsNow(tagsToInvalidate);
    return;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return; // no database, so no web server that could have cached anything
  await writeTagInvalidations(invalidationWriter(databaseUrl), tagsToInvalidate);
}
