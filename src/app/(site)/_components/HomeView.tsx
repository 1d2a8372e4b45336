import Link from "next/link";
import { listLatestPosts } from "@/features/posts/data";
import { Pagination, PostList } from "@/features/posts/components/PostList";
import { listPublicSeries } from "@/features/series/data";
import { getSiteSettings } from "@/features/site/data";
import { websiteJsonLd } from "@/features/site/json-ld";
import { jsonLdText, paths } from "@/lib/seo";
import { NotFoundContent } from "./NotFoundContent";

async function RunningSeries() {
  const series = (await listPublicSeries()).filter((entry) => entry.isRunning);
  if (series.length === 0) return null;
  return (
    <section aria-labelledby="running-series-heading">
      <h2 id="running-series-heading">Running series</h2>
      <ul className="series-list">
        {series.map((entry) => (
          <li key={entry.slug}>
            <Link href={paths.series(entry.slug)} className="series-list__title">
              {entry.title}
            </Link>
            <p className="meta">
              {entry.postCount} {entry.postCount === 1 ? "post" : "posts"}
              {entry.latest && (
                <>
                  {" "}
                  · latest: <Link href={paths.post(entry.latest.slug)}>{entry.latest.title}</Link>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
      <p className="meta">
        <Link href={paths.allSeries()}>All series</Link>
      </p>
    </section>
  );
}

/** The home page and its older pages: latest posts, running series. */
export async function HomeView({ page }: { page: number }) {
  const [latest, site] = await Promise.all([listLatestPosts(page), getSiteSettings()]);
  if (page > 1 && latest.posts.length === 0) return <NotFoundContent />;
  return (
    <>
      {page === 1 && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(websiteJsonLd(site)) }} />}
      <h1 className="visually-hidden">
        {site.tagline ? `${site.name}: ${site.tagline}` : site.name}
        {page > 1 ? `, page ${page}` : ""}
      </h1>
      <div className="home-grid">
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading" className="section-label">
            {page > 1 ? `Latest posts, page ${page}` : "Latest posts"}
          </h2>
          {latest.posts.length === 0 ? (
            <p>Nothing has been published yet.</p>
          ) : (
            <div className={page === 1 ? "post-list--lead" : undefined}>
              <PostList posts={latest.posts} />
            </div>
          )}
          <Pagination page={page} totalPages={latest.totalPages} hrefFor={paths.home} label="Older and newer posts" />
        </section>
        <div className="sidebar">
          <RunningSeries />
        </div>
      </div>
    </>
  );
}
