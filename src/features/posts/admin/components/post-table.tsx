import Link from "next/link";
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
};

export function PostTable({ posts, empty, dateColumn = "updatedAt" }: { posts: Row[]; empty: string; dateColumn?: "updatedAt" | "submittedAt" | "scheduledFor" }) {
  if (posts.length === 0) return <p className="form-hint">{empty}</p>;
  const heading = { updatedAt: "Last change", submittedAt: "Submitted", scheduledFor: "Goes out" }[dateColumn];
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th>Title</th>
            <th>Authors</th>
            <th>State</th>
            <th>{heading}</th>
          </tr>
        </thead>
        <tbody>
          {posts.map((post) => {
            const date = post[dateColumn];
            return (
              <tr key={post.id}>
                <td>
                  <Link href={`/admin/posts/${post.id}`}>{post.title}</Link>
                </td>
                <td>{post.authors.map((author) => author.profile.displayName).join(", ")}</td>
                <td>
                  <StatusBadge status={post.status} />
                </td>
                <td>{date ? formatLondonTime(date, "medium") : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
