// Invalidates reader-page cache tags. Inside the Next server this is revalidateTag; the worker is a
// separate process, so it asks the server to do it through an internal, secret-guarded route.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { revalidateTag } from "next/cache";

function internalToken(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return createHmac("sha256", secret).update("docket-internal-revalidate").digest("hex");
}

export function isInternalToken(candidate: string | null): boolean {
  if (!candidate) return false;
  const expected = Buffer.from(internalToken());
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

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
  const serverUrl = process.env.DOCKET_INTERNAL_URL;
  if (!serverUrl) return; // no web server running (a script or a test): nothing is cached
  const response = await fetch(`${serverUrl}/api/internal/revalidate`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-docket-token": internalToken() },
    body: JSON.stringify({ tags: tagsToInvalidate }),
  });
  if (!response.ok) throw new Error(`Cache invalidation failed with HTTP ${response.status}`);
}
