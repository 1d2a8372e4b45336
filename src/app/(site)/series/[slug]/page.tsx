import type { Metadata } from "next";
import { getSeriesContext } from "@/features/posts/data";
import { PostListItem } from "@/features/posts/components/PostList";
import { getPublicSeries, listPublicSeries, listSeriesPosts } from "@/features/series/data";
import { breadcrumbJsonLd, jsonLdText, paths, readerPageMetadata, siteName } from "@/lib/seo";
import { formatUkDate } from "@/lib/london-time";
import { NotFoundContent } from "../../_components/NotFoundContent";

export const ensureStatic = "navigation";

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  const series = await listPublicSeries();
  return (series.length > 0 ? series : [{ slug: "-" }]).map((entry) => ({ slug: entry.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const series = await getPublicSeries((await params).slug);
  if (!series) return { title: "Not found", robots: { index: false } };
  return {
    title: `${series.title} series`,
    description: series.description || `Every post in the ${series.title} series, in order.`,
    ...readerPageMetadata({
      path: paths.series(series.slug),
      feed: { path: paths.series(series.slug), title: `${series.title} series` },
      openGraph: { title: `${series.title} series` },
    }),
  };
}

export default async function SeriesPage({ params }: Props) {
  const series = await getPublicSeries((await params).slug);
  if (!series) return <NotFoundContent />;
  const [posts, context] = await Promise.all([listSeriesPosts(series.id), getSeriesContext(series.id)]);
  const teaser = context.teaser;
  const crumbs = [
    { name: siteName(), path: "/" },
    { name: "Series", path: paths.allSeries() },
    { name: series.title, path: paths.series(series.slug) },
  ];
  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(breadcrumbJsonLd(crumbs)) }} />
      <header className="page-head">
        <p className="kicker">{series.isRunning ? "Running series" : "Series"}</p>
        <h1>{series.title}</h1>
        {series.description && <p className="page-head__lede">{series.description}</p>}
        <p className="feed-links">
          {posts.length} {posts.length === 1 ? "post" : "posts"} ·{" "}
          <a href={paths.rss(paths.series(series.slug))}>RSS</a> · <a href={paths.atom(paths.series(series.slug))}>Atom</a>
        </p>
      </header>
      <ol className="post-list" aria-label={`Posts in the ${series.title} series, in order`}>
        {posts.map((post) => (
          <li key={post.id}>
            <PostListItem post={post} number={post.number} />
          </li>
        ))}
      </ol>
      {teaser && (
        <aside className="series-box" aria-label="Coming next">
          <p className="series-box__label">Coming next</p>
          <p className="series-box__line">
            <strong>Next week:</strong>{" "}
            {teaser.title && teaser.authorName
              ? `${teaser.title}, by ${teaser.authorName}`
              : (teaser.title ?? teaser.authorName ?? "a new post in the series")}{" "}
            <span className="meta">({formatUkDate(teaser.scheduledFor)})</span>
          </p>
        </aside>
      )}
    </>
  );
}
