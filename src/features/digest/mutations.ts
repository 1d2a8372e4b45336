// The digest's state machine in SQL. Runs: RUNNING → COMPLETED (or EMPTY at once). Deliveries:
// PENDING → SENDING (claimed; "sentAt" written just before SMTP) → SENT | FAILED | PENDING again
// (4xx or an unreachable server, later; or a dead worker's claim never handed to SMTP) | UNCERTAIN
// (handed to SMTP, outcome unknown: resent only when an editor asks, which makes it PENDING again) | SKIPPED.
import "server-only";
import { db } from "@/lib/db";
import type { DigestRun } from "@/generated/prisma/client";
import { findNewPosts, FIRST_WINDOW_HOURS } from "./data";

export const BOUNCE_AFTER_PERMANENT_FAILURES = 3;

export type StartedRun = { run: DigestRun; resumed: boolean };

/**
 * Resumes the unfinished run if there is one; otherwise opens the next window (previous successful
 * run's end → now), freezes its posts and audience, and records it. Serialized by an advisory lock,
 * and the unique windowStart stops a second run over the same window in any case.
 */
export async function startOrResumeDigestRun(now = new Date()): Promise<StartedRun> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('docket:digest-run'))`;
      const running = await tx.digestRun.findFirst({ where: { status: "RUNNING" }, orderBy: { startedAt: "asc" } });
      if (running) return { run: running, resumed: true };

      const previous = await tx.digestRun.findFirst({
        where: { status: { in: ["COMPLETED", "EMPTY"] } },
        orderBy: { windowEnd: "desc" },
        select: { windowEnd: true },
      });
      const windowStart = previous?.windowEnd ?? new Date(now.getTime() - FIRST_WINDOW_HOURS * 3600_000);
      const windowEnd = now > windowStart ? now : new Date(windowStart.getTime() + 1);
      const posts = await findNewPosts(tx, windowStart, windowEnd);
      if (posts.length === 0) {
        const run = await tx.digestRun.create({
          data: { windowStart, windowEnd, status: "EMPTY", postIds: [], finishedAt: now },
        });
        return { run, resumed: false };
      }
      const run = await tx.digestRun.create({ data: { windowStart, windowEnd, postIds: posts.map((post) => post.id) } });
      const seriesIds = [...new Set(posts.flatMap((post) => (post.seriesId ? [post.seriesId] : [])))];
      const categoryIds = [...new Set(posts.flatMap((post) => (post.categoryId ? [post.categoryId] : [])))];
      const audienceSize = await tx.$executeRaw`
        INSERT INTO "DigestDelivery" ("id", "runId", "subscriberId", "status", "attempts")
        SELECT gen_random_uuid()::text, ${run.id}, s."id", 'PENDING', 0
        FROM "Subscriber" s
        WHERE s."status" = 'ACTIVE'
          AND (s."allPosts"
            OR EXISTS (SELECT 1 FROM "SubscriberSeries" ss WHERE ss."subscriberId" = s."id" AND ss."seriesId" = ANY(${seriesIds}::text[]))
            OR EXISTS (SELECT 1 FROM "SubscriberCategory" sc WHERE sc."subscriberId" = s."id" AND sc."categoryId" = ANY(${categoryIds}::text[])))
        ON CONFLICT ("runId", "subscriberId") DO NOTHING`;
      return { run: await tx.digestRun.update({ where: { id: run.id }, data: { audienceSize } }), resumed: false };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

export type ClaimedDelivery = {
  id: string;
  subscriberId: string;
  attempts: number;
  email: string;
  status: string;
  allPosts: boolean;
  seriesIds: string[];
  categoryIds: string[];
};

/**
 * Claims up to `limit` due deliveries of a run and marks them SENDING in one statement; rows another
 * worker holds are skipped, so two workers never claim the same delivery. The rows are picked in a
 * MATERIALIZED CTE so the locking subquery runs exactly once: inside `WHERE id IN (…)` the planner
 * may re-run it on the inner side of a nested loop (it does when the statistics say few deliveries
 * are PENDING, as after a finished run), and each re-run takes the next rows, so one claim of 20
 * could take every pending delivery of the run.
 */
export async function claimDeliveries(runId: string, limit: number): Promise<ClaimedDelivery[]> {
  return db().$queryRaw<ClaimedDelivery[]>`
    WITH picked AS MATERIALIZED (
      SELECT "id" FROM "DigestDelivery"
      WHERE "runId" = ${runId} AND "status" = 'PENDING' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= now())
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE "DigestDelivery" d
      SET "status" = 'SENDING', "claimedAt" = now(), "attempts" = d."attempts" + 1
      FROM picked
      WHERE d."id" = picked."id" AND d."status" = 'PENDING'
      RETURNING d."id", d."subscriberId", d."attempts"
    )
    SELECT c."id", c."subscriberId", c."attempts", s."email", s."status"::text AS "status", s."allPosts",
      ARRAY(SELECT ss."seriesId" FROM "SubscriberSeries" ss WHERE ss."subscriberId" = s."id") AS "seriesIds",
      ARRAY(SELECT sc."categoryId" FROM "SubscriberCategory" sc WHERE sc."subscriberId" = s."id") AS "categoryIds"
    FROM claimed c JOIN "Subscriber" s ON s."id" = c."subscriberId"`;
}

/**
 * A message the server took, when no next handover carries its result (the loop's last). UNCERTAIN is
 * overwritten too: the truth is known now.
 */
export async function markDeliverySent(id: string, messageId: string): Promise<void> {
  await db().$executeRaw`
    UPDATE "DigestDelivery" SET "status" = 'SENT', "messageId" = ${messageId}, "sentAt" = coalesce("sentAt", now()), "error" = NULL
    WHERE "id" = ${id} AND "status" IN ('SENDING', 'UNCERTAIN')`;
}

/**
 * Claimed but not handed over, or refused before the message began because the server could not be
 * reached: back to PENDING, the claim not counted as an attempt. Nothing left the machine.
 */
export async function releaseDeliveries(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db().$executeRaw`
    UPDATE "DigestDelivery" SET "status" = 'PENDING', "attempts" = greatest("attempts" - 1, 0), "sentAt" = NULL
    WHERE "id" = ANY(${ids}::text[]) AND "status" = 'SENDING'`;
}

export async function markDeliverySkipped(id: string, reason: string): Promise<void> {
  await db().digestDelivery.updateMany({ where: { id, status: "SENDING" }, data: { status: "SKIPPED", error: reason } });
}

/**
 * Written just before each message goes onto its connection's live SMTP transaction: a claimed
 * delivery without "sentAt" was never handed over, so after a crash it is sent again rather than
 * reported uncertain. The same statement records as SENT each loop's previous message (the server took
 * it), and serves every loop waiting at that moment: one write for several messages, while each loop
 * still has at most one delivery handed over without a recorded result. Returns the deliveries handed
 * over; one missing is no longer this worker's (a sweep took it as stale).
 *
 * The crash this guards against is the worker's, and PostgreSQL has the write once it answers, so it
 * commits without waiting for the disk (synchronous_commit off, for this statement only): waiting for
 * the disk's flush was most of the time each message took. Should PostgreSQL itself crash, the last
 * fraction of a second of these writes may be lost: a delivery whose handover was lost is sent again
 * (the same Message-ID), one whose result was lost is reported uncertain.
 */
export async function handOverDeliveries(accepted: { id: string; messageId: string }[], handOver: string[]): Promise<Set<string>> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    WITH unflushed AS (
      SELECT set_config('synchronous_commit', 'off', true)
    ), accepted AS (
      UPDATE "DigestDelivery" d SET "status" = 'SENT', "messageId" = a."messageId", "sentAt" = coalesce(d."sentAt", now()), "error" = NULL
      FROM unnest(${accepted.map((entry) => entry.id)}::text[], ${accepted.map((entry) => entry.messageId)}::text[]) AS a("id", "messageId")
      WHERE d."id" = a."id" AND d."status" IN ('SENDING', 'UNCERTAIN')
      RETURNING 1
    ), handed AS (
      UPDATE "DigestDelivery" SET "sentAt" = now() WHERE "id" = ANY(${handOver}::text[]) AND "status" = 'SENDING'
      RETURNING "id"
    )
    SELECT "id" FROM handed WHERE EXISTS (SELECT 1 FROM unflushed) AND (SELECT count(*) FROM accepted) >= 0`;
  return new Set(rows.map((row) => row.id));
}

/** A 4xx: back to PENDING, not claimable before `retryAt`. */
export async function deferDelivery(id: string, error: string, retryAt: Date): Promise<void> {
  await db().digestDelivery.updateMany({ where: { id, status: "SENDING" }, data: { status: "PENDING", error, nextAttemptAt: retryAt, sentAt: null } });
}

/** Retries used up on transient errors: failed, but not held against the address. */
export async function failDeliveryTransiently(id: string, error: string): Promise<void> {
  await db().digestDelivery.updateMany({ where: { id, status: "SENDING" }, data: { status: "FAILED", error } });
}

/** A 5xx: failed, and the address counts one more permanent failure; at 3 it is BOUNCED and gets nothing more. */
export async function failDeliveryPermanently(id: string, subscriberId: string, error: string): Promise<void> {
  await db().$transaction([
    db().digestDelivery.updateMany({ where: { id, status: "SENDING" }, data: { status: "FAILED", error } }),
    db().$executeRaw`
      UPDATE "Subscriber" SET "permanentFailures" = "permanentFailures" + 1,
        "status" = CASE WHEN "permanentFailures" + 1 >= ${BOUNCE_AFTER_PERMANENT_FAILURES} AND "status" IN ('ACTIVE', 'PAUSED')
                        THEN 'BOUNCED'::"SubscriberStatus" ELSE "status" END,
        "updatedAt" = now()
      WHERE "id" = ${subscriberId}`,
  ]);
}

/** Handed to SMTP, outcome unknown (the connection died mid-message). Not resent unless an editor asks. */
export async function markDeliveryUncertain(id: string, error: string): Promise<void> {
  await db().digestDelivery.updateMany({ where: { id, status: "SENDING" }, data: { status: "UNCERTAIN", error } });
}

/** Why a delivery is UNCERTAIN when its worker stopped while the message was on its SMTP transaction. */
export const STOPPED_MID_TRANSACTION =
  "The worker stopped while this email was on its SMTP transaction, before the server's answer was recorded: it may have been delivered, so it is not sent again unless an editor resends it.";

/**
 * Deliveries left SENDING longer than any live send can take belonged to a worker that died. Those
 * it had not yet handed to SMTP go back to PENDING and are sent by this run. Those it had handed over
 * (the crash window: between handing it over and recording the result, at most one per connection) may
 * have gone out, so they are marked UNCERTAIN and reported, and sent again only if an editor asks.
 */
export async function resolveStaleSendingDeliveries(runId: string, olderThan: Date): Promise<number> {
  return db().$executeRaw`
    UPDATE "DigestDelivery"
    SET "status" = CASE WHEN "sentAt" IS NULL THEN 'PENDING'::"DeliveryStatus" ELSE 'UNCERTAIN'::"DeliveryStatus" END,
        "attempts" = CASE WHEN "sentAt" IS NULL THEN greatest("attempts" - 1, 0) ELSE "attempts" END,
        "error" = CASE WHEN "sentAt" IS NULL THEN "error" ELSE ${STOPPED_MID_TRANSACTION} END
    WHERE "runId" = ${runId} AND "status" = 'SENDING' AND "claimedAt" < ${olderThan}`;
}

export type RunProgress = { pending: number; due: number; sending: number; nextAttemptAt: Date | null; counts: Record<string, number> };

export async function readRunProgress(runId: string): Promise<RunProgress> {
  const rows = await db().$queryRaw<{ status: string; count: bigint; due: bigint; next: Date | null }[]>`
    SELECT "status"::text AS "status", count(*) AS "count",
      count(*) FILTER (WHERE "nextAttemptAt" IS NULL OR "nextAttemptAt" <= now()) AS "due",
      min("nextAttemptAt") FILTER (WHERE "nextAttemptAt" > now()) AS "next"
    FROM "DigestDelivery" WHERE "runId" = ${runId} GROUP BY "status"`;
  const counts: Record<string, number> = {};
  let due = 0;
  let nextAttemptAt: Date | null = null;
  for (const row of rows) {
    counts[row.status] = Number(row.count);
    if (row.status === "PENDING") {
      due = Number(row.due);
      nextAttemptAt = row.next;
    }
  }
  return { pending: counts.PENDING ?? 0, due, sending: counts.SENDING ?? 0, nextAttemptAt, counts };
}

/**
 * An editor's resend: the run's UNCERTAIN deliveries become PENDING again, to be sent by the next
 * worker that settles the run, with the same Message-ID as the first attempt. Returns how many.
 */
export async function reopenUncertainDeliveries(runId: string, note: string): Promise<number> {
  return db().$executeRaw`
    UPDATE "DigestDelivery"
    SET "status" = 'PENDING', "sentAt" = NULL, "claimedAt" = NULL, "nextAttemptAt" = NULL, "error" = ${note}
    WHERE "runId" = ${runId} AND "status" = 'UNCERTAIN'`;
}

/** A finished run's counts brought up to date (after a resend). */
export async function recountDigestRun(runId: string): Promise<DigestRun | null> {
  const { counts } = await readRunProgress(runId);
  await db().digestRun.updateMany({
    where: { id: runId, status: { not: "RUNNING" } },
    data: { sentCount: counts.SENT ?? 0, failedCount: counts.FAILED ?? 0, uncertainCount: counts.UNCERTAIN ?? 0 },
  });
  return db().digestRun.findUnique({ where: { id: runId } });
}

/** Closes the run with its final counts; a second worker finishing the same run changes nothing. */
export async function completeDigestRun(runId: string, now = new Date()): Promise<DigestRun | null> {
  const { counts } = await readRunProgress(runId);
  const updated = await db().digestRun.updateMany({
    where: { id: runId, status: "RUNNING" },
    data: {
      status: "COMPLETED",
      finishedAt: now,
      sentCount: counts.SENT ?? 0,
      failedCount: counts.FAILED ?? 0,
      uncertainCount: counts.UNCERTAIN ?? 0,
    },
  });
  if (updated.count === 0) return null;
  return db().digestRun.findUnique({ where: { id: runId } });
}
