// The worker's every-minute sweep: publishes scheduled posts whose time has come, including any missed
// while Docket was stopped. Two workers sweeping at once publish (and notify) each post only once.
import "server-only";
import { recordAudit } from "@/lib/audit";
import { invalidateTags } from "@/lib/revalidate";
import { listDueScheduledPosts, publishScheduledPost, readerTagsFor } from "./mutations";
import { notifyAuthorsOfDecision } from "./notifications";

/** Returns the slugs it published. */
export async function publishDueScheduledPosts(now: Date): Promise<string[]> {
  const published: { id: string; slug: string }[] = [];
  for (const post of await listDueScheduledPosts(now)) {
    if (!(await publishScheduledPost(post, now))) continue;
    published.push(post);
    await recordAudit({ actorId: null, action: "post.published-on-schedule", entityType: "Post", entityId: post.id, details: { scheduledFor: post.scheduledFor?.toISOString() ?? null } });
  }
  if (published.length === 0) return [];
  await invalidateTags(readerTagsFor(published.map((post) => post.slug)));
  for (const post of published) await notifyAuthorsOfDecision(post.id, "published");
  return published.map((post) => post.slug);
}
