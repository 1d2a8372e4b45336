import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { AdminTable } from "@/components/AdminTable";
import { listAuditEntries } from "@/lib/audit";
import { formatLondonTime } from "@/lib/london-time";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Audit log" };

const actionLabels: Record<string, string> = {
  "post.created": "created a post",
  "post.saved": "saved a post",
  "post.submitted": "submitted a post for review",
  "post.changes-requested": "requested changes",
  "post.note-added": "left feedback",
  "post.scheduled": "scheduled a post",
  "post.published": "published a post",
  "post.published-on-schedule": "published a post on schedule",
  "post.unpublished": "unpublished a post",
  "post.revision-restored": "restored a revision",
  "series.reordered": "reordered a series",
  "invitation.sent": "invited someone",
  "profile.created": "created a byline",
  "profile.linked": "linked a byline to a login",
  "profile.pseudonym-changed": "changed a byline's pseudonym setting",
  "profile.completed": "completed their profile",
  "profile.edited": "edited a byline",
  "user.role-changed": "changed a login's role",
  "user.deactivated": "deactivated a login",
  "user.reactivated": "reactivated a login",
  "preview-link.created": "made a preview link",
  "preview-link.revoked": "revoked a preview link",
  "user.signed-out-everywhere": "signed out on every device",
};

export default async function AuditLogPage() {
  await requireUser("audit.read");
  const entries = await listAuditEntries(200);
  return (
    <>
      <h1>Audit log</h1>
      <p className="form-hint">The latest 200 editorial actions, newest first.</p>
      <AdminTable
        rows={entries}
        rowKey={(entry) => entry.id}
        empty="Nothing has been done yet."
        columns={[
          { header: "When", cell: (entry) => formatLondonTime(entry.createdAt, "medium") },
          { header: "Who", cell: (entry) => entry.actor?.email ?? "Docket (scheduled job)" },
          { header: "What", cell: (entry) => actionLabels[entry.action] ?? entry.action },
          { header: "On", cell: (entry) => (entry.entityType === "Post" ? <Link href={`/admin/posts/${entry.entityId}`}>post</Link> : entry.entityType) },
        ]}
      />
    </>
  );
}
