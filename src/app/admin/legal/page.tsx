import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { AdminTable } from "@/components/AdminTable";
import { formatLondonTime, formatUkDate } from "@/lib/london-time";
import { listCases, listHeldPosts, listPostsNeedingClearance, restrictionsOf } from "@/features/legal/data";
import { LegalQueue } from "@/features/legal/components/LegalQueue";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Legal" };

const STATE_LABELS = { ACTIVE: "Active", INACTIVE: "Inactive", CONCLUDED: "Concluded" } as const;

export default async function LegalDeskPage() {
  await requireUser("legal.cases");
  const [cases, queue, held] = await Promise.all([listCases(), listPostsNeedingClearance(), listHeldPosts()]);
  return (
    <>
      <h1>Legal desk</h1>
      <p className="form-hint">
        Cases, their reporting restrictions and protected terms; posts waiting for a legal reviewer; posts on hold. None of this is ever shown to readers. These are aids to
        reasonable care, not legal advice.
      </p>
      <h2>Waiting for legal clearance</h2>
      <LegalQueue posts={queue} />
      <h2>Cases</h2>
      <div className="actions-row">
        <Link href="/admin/legal/new" className="button">
          New case
        </Link>
      </div>
      <AdminTable
        rows={cases}
        rowKey={(item) => item.id}
        empty="No cases yet."
        columns={[
          { header: "Case", cell: (item) => <Link href={`/admin/legal/${item.id}`}>{item.name}</Link> },
          { header: "Court and reference", cell: (item) => [item.court, item.reference].filter(Boolean).join(" · ") || "—" },
          { header: "State", cell: (item) => `${STATE_LABELS[item.state]}${item.state === "ACTIVE" && item.activeFrom ? ` since ${formatUkDate(item.activeFrom)}` : ""}` },
          { header: "Restrictions", cell: (item) => restrictionsOf(item.restrictions).length },
          { header: "Terms", cell: (item) => item.protectedTerms.length },
          { header: "Posts", cell: (item) => item._count.posts },
        ]}
      />
      <h2>On hold</h2>
      <AdminTable
        rows={held}
        rowKey={(item) => item.post.id}
        empty="No post is on hold."
        columns={[
          { header: "Post", cell: (item) => <Link href={`/admin/posts/${item.post.id}`}>{item.post.title}</Link> },
          { header: "Reason", cell: (item) => item.reason },
          { header: "Since", cell: (item) => formatLondonTime(item.createdAt, "medium") },
        ]}
      />
    </>
  );
}
