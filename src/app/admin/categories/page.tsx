import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { AdminTable } from "@/components/AdminTable";
import { formatUkDate } from "@/lib/london-time";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { listCategoriesForAdmin } from "@/features/categories/data";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Categories" };

type Row = Awaited<ReturnType<typeof listCategoriesForAdmin>>[number];

function sponsorLine(row: Row): string {
  if (!row.sponsorName) return "—";
  const until = row.sponsorEndsOn ? ` until ${formatUkDate(row.sponsorEndsOn)}` : "";
  switch (row.sponsorState) {
    case "scheduled":
      return `${row.sponsorName}: from ${formatUkDate(row.sponsorStartsOn!)}${until}`;
    case "ended":
      return `${row.sponsorName}: ended ${formatUkDate(row.sponsorEndsOn!)}`;
    default:
      return `${row.sponsorName}: showing${until}`;
  }
}

export default async function CategoriesAdminPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser("categories.manage");
  const [categories, params] = await Promise.all([listCategoriesForAdmin(), searchParams]);
  return (
    <>
      <h1>Categories</h1>
      {firstParam(params, "deleted") && (
        <p className="form-notice" role="status">
          Category deleted; its posts moved as you chose.
        </p>
      )}
      <div className="actions-row">
        <Link href="/admin/categories/new" className="button">
          New category
        </Link>
      </div>
      <AdminTable
        rows={categories}
        rowKey={(category) => category.id}
        empty="No categories yet."
        columns={[
          { header: "Category", cell: (category) => <Link href={`/admin/categories/${category.id}`}>{category.name}</Link> },
          { header: "Address", cell: (category) => <code>/categories/{category.slug}</code> },
          { header: "Posts", cell: (category) => category.postCount },
          { header: "Sponsor", cell: sponsorLine },
        ]}
      />
    </>
  );
}
