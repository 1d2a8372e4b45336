import "server-only";
import { db } from "@/lib/db";

export type SubscriberPreferences = {
  id: string;
  email: string;
  status: "PENDING" | "ACTIVE" | "PAUSED" | "UNSUBSCRIBED" | "BOUNCED";
  allPosts: boolean;
  seriesIds: string[];
  categoryIds: string[];
};

export async function getSubscriberPreferences(subscriberId: string): Promise<SubscriberPreferences | null> {
  const subscriber = await db().subscriber.findUnique({
    where: { id: subscriberId },
    select: {
      id: true,
      email: true,
      status: true,
      allPosts: true,
      series: { select: { seriesId: true } },
      categories: { select: { categoryId: true } },
    },
  });
  if (!subscriber) return null;
  return {
    id: subscriber.id,
    email: subscriber.email,
    status: subscriber.status,
    allPosts: subscriber.allPosts,
    seriesIds: subscriber.series.map((entry) => entry.seriesId),
    categoryIds: subscriber.categories.map((entry) => entry.categoryId),
  };
}

/** What a subscriber can choose from: series (running first) and categories. */
export async function listSubscriptionTopics() {
  const [series, categories] = await Promise.all([
    db().series.findMany({ orderBy: [{ isRunning: "desc" }, { title: "asc" }], select: { id: true, title: true, isRunning: true } }),
    db().category.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { series, categories };
}

/** "reader@example.org" → "r•••••@example.org": enough to recognise, not to harvest from a forwarded link. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split("@");
  return `${local.slice(0, 1)}${"•".repeat(Math.max(3, Math.min(8, local.length - 1)))}@${domain}`;
}

export const SUBSCRIBERS_PAGE_SIZE = 50;

export type SubscriberStatusFilter = "PENDING" | "ACTIVE" | "PAUSED" | "UNSUBSCRIBED" | "BOUNCED" | undefined;

function subscriberWhere(query: string, status: SubscriberStatusFilter) {
  return {
    ...(query ? { email: { contains: query, mode: "insensitive" as const } } : {}),
    ...(status ? { status } : {}),
  };
}

const adminSubscriberSelect = {
  id: true,
  email: true,
  status: true,
  allPosts: true,
  confirmedAt: true,
  unsubscribedAt: true,
  createdAt: true,
  permanentFailures: true,
  consentNote: true,
  series: { select: { series: { select: { title: true } } } },
  categories: { select: { category: { select: { name: true } } } },
};

/** For editors only: addresses are personal data. */
export async function listSubscribers(input: { query: string; status: SubscriberStatusFilter; page: number }) {
  const where = subscriberWhere(input.query, input.status);
  const [rows, total, byStatus] = await Promise.all([
    db().subscriber.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (input.page - 1) * SUBSCRIBERS_PAGE_SIZE,
      take: SUBSCRIBERS_PAGE_SIZE,
      select: adminSubscriberSelect,
    }),
    db().subscriber.count({ where }),
    db().subscriber.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  return {
    total,
    counts: Object.fromEntries(byStatus.map((row) => [row.status, row._count._all])) as Record<string, number>,
    subscribers: rows.map((row) => ({
      ...row,
      seriesTitles: row.series.map((entry) => entry.series.title),
      categoryNames: row.categories.map((entry) => entry.category.name),
    })),
  };
}

/** Every subscriber, page by page (keyset), for the CSV export. */
export async function* iterateSubscribersForExport(batchSize = 1000) {
  let afterId: string | undefined;
  for (;;) {
    const rows = await db().subscriber.findMany({
      where: afterId ? { id: { gt: afterId } } : {},
      orderBy: { id: "asc" },
      take: batchSize,
      select: adminSubscriberSelect,
    });
    if (rows.length === 0) return;
    for (const row of rows) {
      yield {
        ...row,
        seriesTitles: row.series.map((entry) => entry.series.title),
        categoryNames: row.categories.map((entry) => entry.category.name),
      };
    }
    afterId = rows[rows.length - 1].id;
  }
}
