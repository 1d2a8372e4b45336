import type { Metadata } from "next";
import { requireUser } from "@/lib/auth";
import { listSeriesWithPosts } from "@/features/series/data";
import { SeriesOrder } from "@/features/series/components/SeriesOrder";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Series" };

export default async function SeriesAdminPage() {
  await requireUser("series.manage");
  const series = await listSeriesWithPosts();
  return (
    <>
      <h1>Series</h1>
      <p className="form-hint">Set the order of the posts in each series; readers see them numbered in this order.</p>
      {series.length === 0 && <p>No series yet.</p>}
      {series.map((item) => (
        <section key={item.id}>
          <h2>{item.title}</h2>
          {item.posts.length === 0 ? <p className="form-hint">No posts in this series yet.</p> : <SeriesOrder seriesId={item.id} posts={item.posts} />}
        </section>
      ))}
    </>
  );
}
