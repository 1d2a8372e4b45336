// Content and subscribers for the digest tests and benchmark, written straight to the database.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";

const unique = () => randomBytes(4).toString("hex");

export async function createProfile(displayName: string, extra: { isPseudonymous?: boolean; realName?: string } = {}) {
  return db().authorProfile.create({ data: { slug: `${displayName.toLowerCase().replace(/\W+/g, "-")}-${unique()}`, displayName, ...extra } });
}

export async function createSeries(title: string) {
  return db().series.create({ data: { slug: `series-${unique()}`, title } });
}

export async function createCategory(name: string) {
  return db().category.create({ data: { slug: `category-${unique()}`, name } });
}

export async function createPublishedPost(input: {
  title: string;
  publishedAt: Date;
  authorIds: string[];
  standfirst?: string;
  excerpt?: string;
  seriesId?: string;
  seriesPosition?: number;
  categoryId?: string;
  status?: "PUBLISHED" | "DRAFT" | "SCHEDULED";
}) {
  return db().post.create({
    data: {
      slug: `${input.title.toLowerCase().replace(/\W+/g, "-")}-${unique()}`,
      title: input.title,
      standfirst: input.standfirst,
      excerpt: input.excerpt ?? `Excerpt of ${input.title}.`,
      status: input.status ?? "PUBLISHED",
      publishedAt: input.status === "SCHEDULED" ? null : input.publishedAt,
      scheduledFor: input.status === "SCHEDULED" ? input.publishedAt : null,
      seriesId: input.seriesId,
      seriesPosition: input.seriesPosition,
      categoryId: input.categoryId,
      authors: { create: input.authorIds.map((profileId, position) => ({ profileId, position })) },
    },
  });
}

/** `count` ACTIVE all-posts subscribers named `${prefix}${i}@example.test`, inserted in one statement. */
export async function createActiveSubscribers(count: number, prefix = "reader") {
  await db().$executeRaw`
    INSERT INTO "Subscriber" ("id", "email", "status", "allPosts", "confirmedAt", "updatedAt")
    SELECT 'sub-' || ${prefix} || '-' || lpad(i::text, 7, '0'), ${prefix} || i || '@example.test', 'ACTIVE', true, now(), now()
    FROM generate_series(1, ${count}::int) AS i`;
}

export async function createSubscriber(email: string, data: { status?: "PENDING" | "ACTIVE" | "PAUSED" | "UNSUBSCRIBED" | "BOUNCED"; allPosts?: boolean; seriesIds?: string[]; categoryIds?: string[]; permanentFailures?: number } = {}) {
  return db().subscriber.create({
    data: {
      email,
      status: data.status ?? "ACTIVE",
      allPosts: data.allPosts ?? true,
      permanentFailures: data.permanentFailures ?? 0,
      confirmedAt: new Date(),
      series: data.seriesIds ? { create: data.seriesIds.map((seriesId) => ({ seriesId })) } : undefined,
      categories: data.categoryIds ? { create: data.categoryIds.map((categoryId) => ({ categoryId })) } : undefined,
    },
  });
}

export const hoursAgo = (hours: number, from = new Date()) => new Date(from.getTime() - hours * 3600_000);

