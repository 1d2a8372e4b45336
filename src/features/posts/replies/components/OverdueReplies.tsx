// The review page's list of right-of-reply requests past their deadline with no response.
import Link from "next/link";
import { AdminTable } from "@/components/AdminTable";
import { formatUkDate } from "@/lib/london-time";
import { listOverdueReplyRequests } from "../data";

export async function OverdueReplies() {
  const overdue = await listOverdueReplyRequests(new Date());
  return (
    <>
      <h2>Right of reply overdue</h2>
      <AdminTable
        rows={overdue}
        rowKey={(request) => request.id}
        empty="No request is past its deadline without a response."
        columns={[
          { header: "Post", cell: (request) => <Link href={`/admin/posts/${request.post.id}#replies-heading`}>{request.post.title}</Link> },
          { header: "Put to", cell: (request) => request.person },
          { header: "Deadline", cell: (request) => formatUkDate(request.deadline) },
        ]}
      />
    </>
  );
}
