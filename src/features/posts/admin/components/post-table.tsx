import Link from "next/link";
import { AdminTable } from "@/components/AdminTable";
import type { PostStatus } from "@/generated/prisma/enums";
import { formatLondonTime } from "@/lib/london-time";
import { statusLabels } from "./status-labels";

export function StatusBadge({ status }: { status: PostStatus }) {
  return <span className={`status status-${status}`}>{statusLabels[status]}</span>;
}

type Row = {
  id: string;
  title: string;
  status: PostStatus;
  updatedAt: Date;
  submittedAt: Date | null;
  scheduledFor: Date | null;
  authors: { profile: { displayName: string } }[];
  /** In the review queue: changes to a published post, not a draft. */
  changesToPublished?: boolean;
};

export function PostTable({ posts, empty, dateColumn = "updatedAt" }: { posts: Row[]; empty: string; dateColumn?: "updatedAt" | "submittedAt" | "scheduledFor" }) {
  const heading = { updatedAt: "Last change", submittedAt: "Submitted", scheduledFor: "Goes out" }[dateColumn];
  return (
    <AdminTable
      rows={posts}
      rowKey={(post) => post.id}
      empty={empty}
      columns={[
        { header: "Title", cell: (post) => <Link href={`/admin/posts/${post.id}`}>{post.title}</Link> },
        { header: "Authors", cell: (post) => post.authors.map((author) => author.profile.displayName).join(", ") },
        {
          header: "State",
          cell: (post) =>
            post.changesToPublished ? (
              <>
                <StatusBadge status={post.status} /> <span className="status status-SUBMITTED">Changes to a published post</span>
              </>
            ) : (
              <StatusBadge status={post.status} />
            ),
        },
        {
          header: heading,
          cell: (post) => {
            const date = post[dateColumn];
            return date ? formatLondonTime(date, "medium") : "—";
          },
        },
      ]}
    />
  );
}
