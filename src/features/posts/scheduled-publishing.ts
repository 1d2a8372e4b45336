// The worker's every-minute sweep: publishes scheduled posts whose time has come (including any missed
// while Docket was stopped) and makes scheduled updates of published posts live. Two workers sweeping
// at once publish (and notify) each post, and apply each update, only once.
import "server-only";
import { recordAudit } from "@/lib/audit";
import { invalidateTags } from "@/lib/revalidate";
import { listDueScheduledPosts, listDueUpdates, makeScheduledUpdateLive, publishScheduledPost, readerTagsFor } from "./store";
import { notifyAuthorsOfDecision } from "./notifications";

/** Runs `work` for one post of the sweep; a post that fails is logged and left for the next sweep, never holding up the others. */
async function eachOnItsOwn<T>(postId: string, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    console.error(`[publish-scheduled] post ${postId} was not published:`, error instanceof Error ? error.message : error);
    return null;
  }
}

/** Returns the slugs it published. */
export async function publishDueScheduledPosts(now: Date): Promise<string[]> {
  const published: { id: string; slug: string }[] = [];
  for (const post of await listDueScheduledPosts(now)) {
    if (!(await eachOnItsOwn(post.id, () => publishScheduledPost(post, now)))) continue;
    published.push(post);
    await recordAudit({ actorId: null, action: "post.published-on-schedule", entityType: "Post", entityId: post.id, details: { scheduledFor: post.scheduledFor?.toISOString() ?? null } });
  }
  const updated = await applyDueUpdates(now);
  const tagsToInvalidate = [...(published.length > 0 ? readerTagsFor(published.map((post) => post.slug)) : []), ...updated.tags];
  if (tagsToInvalidate.length > 0) await invalidateTags([...new Set(tagsToInvalidate)]);
  for (const post of published) await notifyAuthorsOfDecision(post.id, "published");
  return published.map((post) => post.slug);
}

/** Scheduled updates whose time has come: each exact revision an editor scheduled goes live. */
async function applyDueUpdates(now: Date): Promise<{ tags: string[] }> {
  const tags: string[] = [];
  for (const due of await listDueUpdates(now)) {
    const applied = await eachOnItsOwn(due.postId, () => makeScheduledUpdateLive(due.id, now));
    if (!applied) continue;
    tags.push(...applied.tagsToInvalidate);
    await recordAudit({ actorId: null, action: "post.updated-on-schedule", entityType: "Post", entityId: applied.postId, details: { revisionId: due.id, scheduledFor: due.scheduledFor?.toISOString() ?? null } });
  }
  return { tags };
}
