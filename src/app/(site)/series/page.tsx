import type { Metadata } from "next";
import Link from "next/link";
import { listPublicSeries } from "@/features/series/data";
import { PostDate } from "@/features/posts/components/PostDate";
import { paths, readerPageMetadata } from "@/lib/seo";

export const metadata: Metadata = {
  title: "Series",
  description: "Every series of guest posts, running and finished.",
  ...readerPageMetadata({ path: paths.allSeries() }),
};

export default async function AllSeriesPage() {
  const series = await listPublicSeries();
  return (
    <>
      <header className="page-head">
        <p className="kicker">Series</p>
        <h1>All series</h1>
        <p className="page-head__lede">Collections of posts on one theme, read in order.</p>
      </header>
      {series.length === 0 ? (
        <p>No series yet.</p>
      ) : (
        <ul className="series-list" style={{ maxWidth: "var(--measure)" }}>
          {series.map((entry) => (
            <li key={entry.slug} className={entry.coverImageUrl ? "series-list__item--cover" : undefined}>
              {entry.coverImageUrl && (
                // eslint-disable-next-line @next/next/no-img-element -- stored uploads are already resized; the title beside it names it
                <img className="series-list__cover" src={entry.coverImageUrl} alt="" />
              )}
              <h2 className="card__title">
                <Link href={paths.series(entry.slug)}>{entry.title}</Link>
              </h2>
              {entry.summary && <p>{entry.summary}</p>}
              <p className="meta">
                {entry.isRunning ? "Running" : "Finished"} · {entry.postCount} {entry.postCount === 1 ? "post" : "posts"}
                {entry.latest?.publishedAt && (
                  <>
                    {" "}
                    · latest <PostDate date={entry.latest.publishedAt} />
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
