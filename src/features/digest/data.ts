import "server-only";
import { db } from "@/lib/db";
import { publishedOnly } from "@/features/posts/reader-visibility";
import type { DigestPost, SubscriberChoice } from "./content";

/** The first digest looks back this far. */
export const FIRST_WINDOW_HOURS = 24;

/** The client or a transaction: a run is opened inside one. */
type Client = Pick<ReturnType<typeof db>, "post" | "digestRun" | "$queryRaw">;

/** Publication may be backdated (a scheduled post published a few minutes late keeps its time). */
export const LATE_PUBLICATION_LOOKBACK_MS = 24 * 3600_000;

/**
 * Posts published up to `windowEnd` that no earlier run carried: those in the window, and those
 * published late with an earlier time (looking back a day, never before the first run's window).
 */
export async function findNewPosts(client: Client, windowStart: Date, windowEnd: Date) {
  const first = await client.digestRun.findFirst({ orderBy: { windowStart: "asc" }, select: { windowStart: true } });
  const lookback = new Date(windowStart.getTime() - LATE_PUBLICATION_LOOKBACK_MS);
  const from = first && first.windowStart > lookback ? first.windowStart : first ? lookback : windowStart;
  const candidates = await client.post.findMany({
    where: { ...publishedOnly, publishedAt: { gt: from, lte: windowEnd } },
    orderBy: { publishedAt: "asc" },
    select: { id: true, seriesId: true, categoryId: true },
  });
  if (candidates.length === 0) return [];
  const alreadySent = await client.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT unnest("postIds") AS id FROM "DigestRun" WHERE "postIds" && ${candidates.map((post) => post.id)}::text[]`;
  const sentIds = new Set(alreadySent.map((row) => row.id));
  return candidates.filter((post) => !sentIds.has(post.id));
}



const digestPostSelect = {
  id: true,
  slug: true,
  title: true,
  standfirst: true,
  excerpt: true,
  publishedAt: true,
  scheduledFor: true,
  coverImageUrl: true,
  coverImageAlt: true,
  seriesId: true,
  categoryId: true,
  seriesPosition: true,
  series: { select: { title: true } },
  category: { select: { name: true } },
  authors: { orderBy: { position: "asc" as const }, select: { profile: { select: { displayName: true } } } },
};

type DigestPostRow = {
  id: string;
  slug: string;
  title: string;
  standfirst: string | null;
  excerpt: string;
  publishedAt: Date | null;
  scheduledFor: Date | null;
  coverImageUrl: string | null;
  coverImageAlt: string | null;
  seriesId: string | null;
  categoryId: string | null;
  seriesPosition: number | null;
  series: { title: string } | null;
  category: { name: string } | null;
  authors: { profile: { displayName: string } }[];
};

function toDigestPost(row: DigestPostRow): DigestPost {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    standfirst: row.standfirst,
    excerpt: row.excerpt,
    publishedAt: row.publishedAt ?? row.scheduledFor ?? new Date(0),
    coverImageUrl: row.coverImageUrl,
    coverImageAlt: row.coverImageAlt,
    seriesId: row.seriesId,
    categoryId: row.categoryId,
    seriesTitle: row.series?.title ?? null,
    seriesPosition: row.seriesPosition,
    categoryName: row.category?.name ?? null,
    authorNames: row.authors.map((author) => author.profile.displayName),
  };
}

/** The run's posts in publication order, still published (a post unpublished mid-run is dropped). */
export async function loadDigestPosts(postIds: string[]): Promise<DigestPost[]> {
  const rows = await db().post.findMany({
    where: { id: { in: postIds }, ...publishedOnly },
    orderBy: { publishedAt: "asc" },
    select: digestPostSelect,
  });
  return rows.map(toDigestPost);
}

export async function findRunningDigestRun() {
  return db().digestRun.findFirst({ where: { status: "RUNNING" }, select: { id: true } });
}

/** A finished run with deliveries still to send: an editor asked to resend its uncertain ones. */
export async function findRunWithReopenedDeliveries() {
  return db().digestRun.findFirst({
    where: { status: "COMPLETED", deliveries: { some: { status: { in: ["PENDING", "SENDING"] } } } },
    orderBy: { startedAt: "asc" },
    select: { id: true },
  });
}

export async function findDigestRun(runId: string) {
  return db().digestRun.findUnique({ where: { id: runId } });
}

/** Where the next run's window would start. */
export async function nextDigestWindowStart(now = new Date()): Promise<Date> {
  const previous = await db().digestRun.findFirst({
    where: { status: { in: ["COMPLETED", "EMPTY"] } },
    orderBy: { windowEnd: "desc" },
    select: { windowEnd: true },
  });
  return previous?.windowEnd ?? new Date(now.getTime() - FIRST_WINDOW_HOURS * 3600_000);
}

/**
 * What the next digest would carry: posts published since the last successful run, plus posts
 * scheduled to publish before `until` (the next run). Nothing is recorded.
 */
export async function previewDigestPosts(now: Date, until: Date): Promise<DigestPost[]> {
  const windowStart = await nextDigestWindowStart(now);
  const rows = await db().post.findMany({
    where: {
      OR: [
        { ...publishedOnly, publishedAt: { gt: windowStart, lte: now } },
        { status: "SCHEDULED", scheduledFor: { gt: now, lte: until }, legalHold: { is: null } },
      ],
    },
    select: digestPostSelect,
  });
  return rows.map(toDigestPost).sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
}

export type AudienceMember = SubscriberChoice & { id: string; email: string };

/** Active subscribers after `afterId`, in id order, with their choices: for dry runs, page by page. */
export async function listActiveSubscribersPage(afterId: string | null, limit: number): Promise<AudienceMember[]> {
  const rows = await db().subscriber.findMany({
    where: { status: "ACTIVE", ...(afterId ? { id: { gt: afterId } } : {}) },
    orderBy: { id: "asc" },
    take: limit,
    select: {
      id: true,
      email: true,
      allPosts: true,
      series: { select: { seriesId: true } },
      categories: { select: { categoryId: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    allPosts: row.allPosts,
    seriesIds: row.series.map((entry) => entry.seriesId),
    categoryIds: row.categories.map((entry) => entry.categoryId),
  }));
}

export async function listDigestRuns(limit = 50) {
  return db().digestRun.findMany({ orderBy: { startedAt: "desc" }, take: limit });
}

/** Deliveries that need an editor's eye: failed, uncertain and skipped ones, and those waiting for a retry or a resend. */
export async function listProblemDeliveries(runId: string, limit = 200) {
  return db().digestDelivery.findMany({
    where: { runId, OR: [{ status: { in: ["FAILED", "UNCERTAIN", "SKIPPED"] } }, { status: "PENDING", error: { not: null } }] },
    orderBy: { claimedAt: "asc" },
    take: limit,
    select: { id: true, status: true, attempts: true, error: true, claimedAt: true, subscriber: { select: { email: true } } },
  });
}

export async function countRunDeliveries(runId: string) {
  const rows = await db().digestDelivery.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.status, row._count._all])) as Record<string, number>;
}

/** A run's uncertain deliveries by what the run recorded of them: left by a worker that stopped, or by a broken connection. */
export async function countUncertainByCause(runId: string, stoppedText: string): Promise<{ workerStopped: number; connectionBroke: number }> {
  const [workerStopped, all] = await Promise.all([
    db().digestDelivery.count({ where: { runId, status: "UNCERTAIN", error: stoppedText } }),
    db().digestDelivery.count({ where: { runId, status: "UNCERTAIN" } }),
  ]);
  return { workerStopped, connectionBroke: all - workerStopped };
}

/** The posts a run over (windowStart, windowEnd] would carry (see findNewPosts). */
export async function listNewPublishedPostIds(windowStart: Date, windowEnd: Date): Promise<string[]> {
  return (await findNewPosts(db(), windowStart, windowEnd)).map((post) => post.id);
}

/** The latest published posts, for a sample when tomorrow's digest has nothing yet. */
export async function listLatestPublishedForSample(limit = 3): Promise<DigestPost[]> {
  const rows = await db().post.findMany({ where: publishedOnly, orderBy: { publishedAt: "desc" }, take: limit, select: digestPostSelect });
  return rows.map(toDigestPost).reverse();
}

/**
 * Of `correctionIds`, those a subscriber is owed: its post was in a digest sent to them before the
 * correction went public, and no digest has reached them since (which would have carried it).
 */
export async function listCorrectionsOwedTo(subscriberId: string, correctionIds: string[], runId: string): Promise<Set<string>> {
  if (correctionIds.length === 0) return new Set();
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT c.id
      FROM "Correction" c
     WHERE c.id = ANY(${correctionIds})
       AND EXISTS (SELECT 1 FROM "DigestDelivery" d JOIN "DigestRun" r ON r.id = d."runId"
                    WHERE d."subscriberId" = ${subscriberId} AND d.status = 'SENT' AND r.id <> ${runId}
                      AND c."postId" = ANY(r."postIds") AND d."sentAt" < c."publishedAt")
       AND NOT EXISTS (SELECT 1 FROM "DigestDelivery" d
                        WHERE d."subscriberId" = ${subscriberId} AND d.status = 'SENT' AND d."runId" <> ${runId}
                          AND d."sentAt" >= c."publishedAt")`;
  return new Set(rows.map((row) => row.id));
}
