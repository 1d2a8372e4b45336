import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { invalidateTags } from "@/lib/revalidate";

/** Publishes every SCHEDULED post due by `now`; returns their slugs. */
export async function publishDueScheduledPosts(now: Date): Promise<string[]> {
  const due = await db().post.findMany({
    where: { status: "SCHEDULED", scheduledFor: { lte: now } },
    select: { id: true, slug: true, scheduledFor: true },
  });
  for (const post of due) {
    await db().post.update({
      where: { id: post.id, status: "SCHEDULED" },
      data: { status: "PUBLISHED", publishedAt: post.scheduledFor ?? now },
    });
  }
  if (due.length > 0) await invalidateTags([tags.posts, ...due.map((post) => tags.post(post.slug))]);
  return due.map((post) => post.slug);
}
