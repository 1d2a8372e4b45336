import Link from "next/link";
import type { SeriesContext } from "@/features/posts/data";
import { paths } from "@/lib/seo";
import { ordinal } from "@/lib/london-time";

/**
 * "This is the 5th post in the X series. Read the others." (of a finished one: "the 5th of 7 posts
 * in the X series, now finished"), the series' cover, previous/next, and the "Next week" teaser.
 */
export function SeriesBox({
  series,
  context,
  postId,
}: {
  series: { slug: string; title: string; isRunning: boolean; coverImageUrl: string | null };
  context: SeriesContext;
  postId: string;
}) {
  const index = context.published.findIndex((entry) => entry.id === postId);
  if (index < 0) return null;
  const previous = context.published[index - 1];
  const next = context.published[index + 1];
  const teaser = context.teaser;
  const teaserText = teaser ? (teaser.title ?? teaser.authorName ?? "a new post in the series") : null;
  return (
    <aside className={series.coverImageUrl ? "series-box series-box--cover" : "series-box"} aria-labelledby="series-box-heading">
      {series.coverImageUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- stored uploads are already resized; the title beside it names it
        <img className="series-box__cover" src={series.coverImageUrl} alt="" />
      )}
      <h2 id="series-box-heading" className="series-box__label">
        Series
      </h2>
      <p className="series-box__line">
        This is the{" "}
        {series.isRunning
          ? `${ordinal(context.published[index].number)} post`
          : context.published.length === 1
            ? "only post"
            : `${ordinal(context.published[index].number)} of ${context.published.length} posts`}{" "}
        in the{" "}
        <Link href={paths.series(series.slug)}>{series.title}</Link> series{series.isRunning ? "." : ", now finished."}
        {context.published.length > 1 && (
          <>
            {" "}
            <Link href={paths.series(series.slug)}>Read the others.</Link>
          </>
        )}
      </p>
      {(previous || next) && (
        <nav className="series-box__nav" aria-label={`${series.title} series`}>
          {previous && (
            <Link href={paths.post(previous.slug)} rel="prev">
              <span className="series-box__dir">← Previous</span> {previous.title}
            </Link>
          )}
          {next && (
            <Link href={paths.post(next.slug)} rel="next">
              <span className="series-box__dir">Next →</span> {next.title}
            </Link>
          )}
        </nav>
      )}
      {teaserText && !next && (
        <p className="series-box__teaser">
          <strong>Next week:</strong> {teaser?.title && teaser.authorName ? (
            <>
              <bdi>{teaser.title}</bdi>, by <bdi>{teaser.authorName}</bdi>
            </>
          ) : (
            <bdi>{teaserText}</bdi>
          )}
        </p>
      )}
    </aside>
  );
}
