import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { AdminTable } from "@/components/AdminTable";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { listSeriesForAdmin, listSeriesWithPosts } from "@/features/series/data";
import { SeriesOrder } from "@/features/series/components/SeriesOrder";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Series" };

export default async function SeriesAdminPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser("series.manage");
  const [all, ordering, params] = await Promise.all([listSeriesForAdmin(), listSeriesWithPosts(), searchParams]);
  return (
    <>
      <h1>Series</h1>
      {firstParam(params, "deleted") && (
        <p className="form-notice" role="status">
          Series deleted.
        </p>
      )}
      <div className="actions-row">
        <Link href="/admin/series/new" className="button">
          New series
        </Link>
      </div>
      <AdminTable
        rows={all}
        rowKey={(series) => series.id}
        empty="No series yet."
        columns={[
          { header: "Series", cell: (series) => <Link href={`/admin/series/${series.id}`}>{series.title}</Link> },
          { header: "Address", cell: (series) => <code>/series/{series.slug}</code> },
          {
            header: "Status",
            cell: (series) => (series.archivedAt ? "Archived" : series.isRunning ? "Running" : "Finished"),
          },
          { header: "Posts", cell: (series) => (series.postCount === series.publishedCount ? series.postCount : `${series.publishedCount} published of ${series.postCount}`) },
        ]}
      />
      <h2>Order of posts</h2>
      <p className="form-hint">Set the order of the posts in each series; readers see them numbered in this order.</p>
      {ordering.map((item) => (
        <section key={item.id} aria-labelledby={`order-${item.id}`}>
          <h3 id={`order-${item.id}`}>{item.title}</h3>
          {item.posts.length === 0 ? <p className="form-hint">No posts in this series yet.</p> : <SeriesOrder seriesId={item.id} posts={item.posts} />}
        </section>
      ))}
    </>
  );
}
