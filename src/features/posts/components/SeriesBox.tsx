import Link from "next/link";
import type { SeriesContext } from "@/features/posts/data";
import { paths } from "@/lib/seo";
import { ordinal } from "@/lib/london-time";

/** "This is the 5th post in the X series. Read the others.", previous/next, and the "Next week" teaser. */
export function SeriesBox({
  series,
  context,
  postId,
}: {
  series: { slug: string; title: string };
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
    <aside className="series-box" aria-labelledby="series-box-heading">
      <h2 id="series-box-heading" className="series-box__label">
        Series
      </h2>
      <p className="series-box__line">
        This is the {ordinal(context.published[index].number)} post in the{" "}
        <Link href={paths.series(series.slug)}>{series.title}</Link> series.{" "}
        <Link href={paths.series(series.slug)}>Read the others.</Link>
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
          <strong>Next week:</strong> {teaser?.title && teaser.authorName ? `${teaser.title}, by ${teaser.authorName}` : teaserText}
        </p>
      )}
    </aside>
  );
}
