import type { Metadata } from "next";
import { requireUser } from "@/lib/auth";
import { listReviewQueue, listScheduledPosts } from "@/features/posts/admin/data";
import { PostTable } from "@/features/posts/admin/components/post-table";
import { listPostsNeedingClearance } from "@/features/legal/data";
import { LegalQueue } from "@/features/legal/components/LegalQueue";
import { OverdueReplies } from "@/features/posts/replies/components/OverdueReplies";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Review" };

export default async function ReviewQueuePage() {
  await requireUser("posts.review");
  const [queue, scheduled, legal] = await Promise.all([listReviewQueue(), listScheduledPosts(), listPostsNeedingClearance()]);
  return (
    <>
      <h1>Review queue</h1>
      <p className="form-hint">Submitted posts, and changes to published posts that readers do not see until an editor updates them, the longest-waiting first.</p>
      <PostTable posts={queue} empty="Nothing is waiting for review." dateColumn="submittedAt" />
      <h2>Needs legal clearance</h2>
      <LegalQueue posts={legal} />
      <OverdueReplies />
      <h2>Scheduled</h2>
      <PostTable posts={scheduled} empty="Nothing is scheduled." dateColumn="scheduledFor" />
    </>
  );
}
