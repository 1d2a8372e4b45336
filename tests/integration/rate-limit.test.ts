import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { consumeRateLimit, hashRateLimitKey, pruneRateLimitCounters } from "@/lib/rate-limit";
import { useTestDatabase } from "../helpers/database";

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = "rate-limit-test-secret-rate-limit-test-0001";
  await useTestDatabase();
});

describe("consumeRateLimit", () => {
  it("allows `limit` attempts per fixed window, then says how long to wait; a new window starts afresh", async () => {
    const rule = { limit: 3, windowSeconds: 60 };
    const start = new Date("2026-01-01T10:00:10Z");
    const results = [];
    for (let attempt = 0; attempt < 5; attempt++) results.push(await consumeRateLimit("login:a@example.test", rule, start));
    expect(results.map((result) => result.allowed)).toEqual([true, true, true, false, false]);
    expect(results.map((result) => result.remaining)).toEqual([2, 1, 0, 0, 0]);
    expect(results[3].retryAfterSeconds).toBe(50);
    expect(results[0].retryAfterSeconds).toBe(0);

    const nextWindow = await consumeRateLimit("login:a@example.test", rule, new Date("2026-01-01T10:01:00Z"));
    expect(nextWindow).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
    expect((await consumeRateLimit("login:b@example.test", rule, start)).allowed).toBe(true);
  });

  it("counts correctly under concurrent attempts (one row, atomic increments)", async () => {
    const rule = { limit: 10, windowSeconds: 3600 };
    const now = new Date("2026-01-01T12:00:00Z");
    const results = await Promise.all(Array.from({ length: 25 }, () => consumeRateLimit("burst", rule, now)));
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
  });

  it("stores keyed hashes, never the raw key, and prunes old windows", async () => {
    await consumeRateLimit("subscribe:ip:198.51.100.7", { limit: 1, windowSeconds: 60 }, new Date("2025-06-01T00:00:00Z"));
    const rows = await db().rateLimitCounter.findMany();
    expect(JSON.stringify(rows)).not.toContain("198.51.100.7");
    expect(rows.map((row) => row.key)).toContain(hashRateLimitKey("subscribe:ip:198.51.100.7"));
    const removed = await pruneRateLimitCounters(new Date("2025-12-01T00:00:00Z"));
    expect(removed).toBe(1);
  });
});
