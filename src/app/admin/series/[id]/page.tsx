import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { findSeriesForEditing } from "@/features/series/data";
import { SeriesForm, SeriesRemoval } from "@/features/series/components/SeriesForm";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Edit series" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export default async function EditSeriesPage({ params, searchParams }: Props) {
  await requireUser("series.manage");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const series = await findSeriesForEditing(id);
  if (!series) notFound();
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/series">Series</Link> · <Link href={`/series/${series.slug}`}>View on the site</Link>
      </p>
      <h1>{series.title}</h1>
      {firstParam(query, "created") && (
        <p className="form-notice" role="status">
          Series created. Readers see it once it has a published post.
        </p>
      )}
      <SeriesForm
        seriesId={series.id}
        initial={{
          title: series.title,
          slug: series.slug,
          description: series.description,
          coverImageUrl: series.coverImageUrl ?? "",
          coverImageAlt: series.coverImageAlt ?? "",
          status: series.isRunning ? "running" : "finished",
          showsTeaser: series.showsTeaser,
        }}
      />
      <h2>Archive or delete</h2>
      <SeriesRemoval seriesId={series.id} title={series.title} archived={series.archivedAt !== null} postCount={series._count.posts} />
    </>
  );
}
