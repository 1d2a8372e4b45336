import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable } from "@/components/AdminTable";
import { requireUser } from "@/lib/auth";
import { formatLondonTime } from "@/lib/london-time";
import { can } from "@/lib/permissions";
import { paths } from "@/lib/seo";
import { listPagesForAdmin } from "@/features/pages/data";
import { NewPageForm } from "@/features/pages/components/NewPageForm";
import { PageStatusBadge } from "@/features/pages/components/PageStatusBadge";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Pages" };

export default async function AdminPagesPage() {
  const user = await requireUser("pages.draft");
  const pages = await listPagesForAdmin(user);
  const managing = can(user, "pages.manage");
  return (
    <>
      <h1>{managing ? "Pages" : "Your pages"}</h1>
      <p className="form-hint">
        Pages such as About, Write for us or Privacy, each at its own address. They never appear in feeds, the digest or lists of posts; put them in a{" "}
        {can(user, "menus.manage") ? <Link href="/admin/menus">menu</Link> : "menu"} to link them.
        {managing ? "" : " An editor publishes a page when it is ready."}
      </p>
      <NewPageForm />
      <AdminTable
        rows={pages}
        rowKey={(page) => page.id}
        empty="No pages yet."
        columns={[
          { header: "Title", cell: (page) => <Link href={`/admin/pages/${page.id}`}>{page.title}</Link> },
          {
            header: "Address",
            cell: (page) => (page.status === "PUBLISHED" ? <a href={paths.page(page.slug)}>{paths.page(page.slug)}</a> : paths.page(page.slug)),
          },
          { header: "State", cell: (page) => <PageStatusBadge status={page.status} /> },
          { header: "Started by", cell: (page) => page.createdBy?.profile?.displayName ?? page.createdBy?.email ?? "—" },
          { header: "Last change", cell: (page) => formatLondonTime(page.updatedAt, "medium") },
        ]}
      />
    </>
  );
}
