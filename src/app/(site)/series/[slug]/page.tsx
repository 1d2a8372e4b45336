import type { Metadata } from "next";
import { permanentRedirect } from "next/navigation";
import { getSeriesContext } from "@/features/posts/data";
import { findRedirectKeepingRest } from "@/features/redirects/data";
import { PostListItem } from "@/features/posts/components/PostList";
import { getPublicSeries, listPublicSeries, listSeriesPosts } from "@/features/series/data";
import { breadcrumbJsonLd, jsonLdText, paths } from "@/lib/seo";
import { getSiteSettings } from "@/features/site/data";
import { readerMetadata } from "../../_components/reader-metadata";
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
    description: series.summary || `Every post in the ${series.title} series, in order.`,
    ...(await readerMetadata({
      path: paths.series(series.slug),
      feed: { path: paths.series(series.slug), title: `${series.title} series` },
      openGraph: { title: `${series.title} series` },
      ...(series.coverImageUrl ? { image: { path: series.coverImageUrl, alt: series.coverImageAlt ?? "" } } : {}),
    })),
  };
}

export default async function SeriesPage({ params }: Props) {
  const { slug } = await params;
  const series = await getPublicSeries(slug);
  if (!series) {
    const target = await findRedirectKeepingRest(paths.series(slug));
    if (target) permanentRedirect(target);
    return <NotFoundContent />;
  }
  const [posts, context] = await Promise.all([listSeriesPosts(series.id), getSeriesContext(series.id)]);
  const teaser = context.teaser;
  const crumbs = [
    { name: (await getSiteSettings()).name, path: "/" },
    { name: "Series", path: paths.allSeries() },
    { name: series.title, path: paths.series(series.slug) },
  ];
  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(breadcrumbJsonLd(crumbs)) }} />
      <header className="page-head">
        <p className="kicker">{series.isRunning ? "Running series" : "Finished series"}</p>
        <h1>{series.title}</h1>
        {/* Rendered from markdown and sanitized (rehype-sanitize) in getPublicSeries. */}
        {series.descriptionHtml && <div className="page-head__lede page-head__lede--prose" dangerouslySetInnerHTML={{ __html: series.descriptionHtml }} />}
        <p className="feed-links">
          {posts.length} {posts.length === 1 ? "post" : "posts"} ·{" "}
          <a href={paths.rss(paths.series(series.slug))}>RSS</a> · <a href={paths.atom(paths.series(series.slug))}>Atom</a>
        </p>
      </header>
      {series.coverImageUrl && (
        <figure className="cover">
          {/* eslint-disable-next-line @next/next/no-img-element -- stored uploads are already resized */}
          <img src={series.coverImageUrl} alt={series.coverImageAlt ?? ""} />
        </figure>
      )}
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
            {teaser.title && teaser.authorName ? (
              <>
                <bdi>{teaser.title}</bdi>, by <bdi>{teaser.authorName}</bdi>
              </>
            ) : (
              <bdi>{teaser.title ?? teaser.authorName ?? "a new post in the series"}</bdi>
            )}{" "}
            <span className="meta">({formatUkDate(teaser.scheduledFor)})</span>
          </p>
        </aside>
      )}
    </>
  );
}
