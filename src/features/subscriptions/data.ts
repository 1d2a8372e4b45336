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
