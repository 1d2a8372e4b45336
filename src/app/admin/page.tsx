import type { Metadata } from "next";
import Link from "next/link";
import { requireUser, type SessionUser } from "@/lib/auth";
import { listAuditEntries } from "@/lib/audit";
import { listPostsVisibleTo, listReviewQueue, listScheduledPosts } from "@/features/posts/admin/data";
import { countPendingComments } from "@/features/comments/data";
import { can } from "@/lib/permissions";
import { formatLondonTime } from "@/lib/london-time";
import { PostTable } from "@/features/posts/admin/components/post-table";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Dashboard" };

async function EditorDashboard() {
  const [queue, scheduled, pendingComments, activity] = await Promise.all([listReviewQueue(), listScheduledPosts(), countPendingComments(), listAuditEntries(8)]);
  return (
    <>
      <div className="cards">
        <div className="card">
          <h2>Waiting for review</h2>
          <p className="big-number">{queue.length}</p>
          <Link href="/admin/review">Open the review queue</Link>
        </div>
        <div className="card">
          <h2>Scheduled</h2>
          <p className="big-number">{scheduled.length}</p>
          {scheduled[0]?.scheduledFor && <p className="form-hint">Next: {formatLondonTime(scheduled[0].scheduledFor, "medium")}</p>}
        </div>
        <div className="card">
          <h2>Comments to moderate</h2>
          <p className="big-number">{pendingComments}</p>
          <Link href="/admin/comments">Moderate comments</Link>
        </div>
      </div>
      <h2>Oldest in the queue</h2>
      <PostTable posts={queue.slice(0, 5)} empty="Nothing is waiting for review." dateColumn="submittedAt" />
      <h2>Recent activity</h2>
      {activity.length === 0 ? (
        <p className="form-hint">Nothing yet.</p>
      ) : (
        <ul className="activity">
          {activity.map((entry) => (
            <li key={entry.id}>
              <span className="form-hint">{formatLondonTime(entry.createdAt, "medium")}</span> {entry.actor?.email ?? "Docket"}: {entry.action.replace(/^[a-z]+\./, "").replace(/-/g, " ")}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/admin/audit">Full audit log</Link>
      </p>
    </>
  );
}

async function WriterDashboard({ user }: { user: SessionUser }) {
  const posts = await listPostsVisibleTo(user);
  const needsWork = posts.filter((post) => post.status === "CHANGES_REQUESTED");
  return (
    <>
      {!user.profileComplete && (
        <p className="form-notice">
          Welcome! <Link href="/admin/profile">Complete your profile</Link> so readers know who you are.
        </p>
      )}
      {needsWork.length > 0 && (
        <p className="form-notice">
          An editor asked for changes to {needsWork.length === 1 ? "one of your posts" : `${needsWork.length} of your posts`}: open it to read the feedback.
        </p>
      )}
      <h2>Your posts</h2>
      <PostTable posts={posts} empty="You have no posts yet." />
      <p>
        <Link href="/admin/posts">Start a new post</Link>
      </p>
    </>
  );
}

export default async function AdminDashboardPage() {
  const user = await requireUser();
  return (
    <>
      <h1>Hello, {user.displayName ?? user.email}</h1>
      {can(user, "posts.review") ? <EditorDashboard /> : <WriterDashboard user={user} />}
    </>
  );
}
