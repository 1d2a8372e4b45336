import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { emptySeries, SeriesForm } from "@/features/series/components/SeriesForm";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "New series" };

export default async function NewSeriesPage() {
  await requireUser("series.manage");
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/series">Series</Link>
      </p>
      <h1>New series</h1>
      <p className="form-hint">Readers see a series once it has a published post. Add posts to it from the post editor.</p>
      <SeriesForm initial={emptySeries} />
    </>
  );
}
