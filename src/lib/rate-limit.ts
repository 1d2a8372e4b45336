// Fixed-window rate limits kept in Postgres (RateLimitCounter), so every server process shares them.
// Keys are stored as keyed hashes: an email address or IP never reaches the table.
import "server-only";
import { createHash, createHmac } from "node:crypto";
import { db, outsideTransaction } from "@/lib/db";

export type RateLimitRule = { limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export function hashRateLimitKey(key: string): string {
  const secret = process.env.NEXTAUTH_SECRET;
  const hash = secret ? createHmac("sha256", secret) : createHash("sha256");
  return hash.update(`docket-rate-limit:${key}`).digest("base64url");
}

function windowStartFor(now: Date, windowSeconds: number): Date {
  const windowMs = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/**
 * Counts one attempt for `key` (e.g. `subscribe:email:${address}`) and says whether it is within the limit.
 * Attempts over the limit are counted too, so hammering does not reopen the window early; the count
 * is kept even when the command that asked fails (it is written outside the command's transaction).
 */
export async function consumeRateLimit(key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitResult> {
  const windowStart = windowStartFor(now, rule.windowSeconds);
  const rows = await outsideTransaction(() => db().$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
    VALUES (${hashRateLimitKey(key)}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
    RETURNING "count"`);
  const count = Number(rows[0].count);
  const windowEndsMs = windowStart.getTime() + rule.windowSeconds * 1000;
  const allowed = count <= rule.limit;
  return {
    allowed,
    remaining: Math.max(0, rule.limit - count),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((windowEndsMs - now.getTime()) / 1000)),
  };
}

/** Deletes counters whose windows ended long ago. The digest job calls it once a day. */
export async function pruneRateLimitCounters(olderThan: Date): Promise<number> {
  const result = await db().rateLimitCounter.deleteMany({ where: { windowStart: { lt: olderThan } } });
  return result.count;
}
