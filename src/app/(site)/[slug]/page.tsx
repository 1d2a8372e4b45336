import type { Metadata } from "next";
import { getPublishedPage, listPublishedPages } from "@/features/pages/data";
import { documentLabel, formatFileSize } from "@/features/media/document-kinds";
import { getSiteSettings } from "@/features/site/data";
import { organizationJsonLd } from "@/features/site/json-ld";
import { absoluteUrl, breadcrumbJsonLd, jsonLdText, paths } from "@/lib/seo";
import LegacyPath from "../[...legacy]/page";
import { readerMetadata } from "../_components/reader-metadata";

// A static page (About, Write for us…) at the site's top level. Static like a post: served from the
// cache, invalidated when the page changes. Any other one-segment address goes on to the old-URL
// lookup of [...legacy] (a redirect or the 404 page).
export const ensureStatic = "navigation";

type Props = { params: Promise<{ slug: string }> };

/** A slug no page can have, so a build with no pages still has one to prerender (it is a 404). */
const NO_PAGES_YET = "-";

export async function generateStaticParams() {
  const pages = await listPublishedPages();
  return (pages.length > 0 ? pages.map((page) => page.slug) : [NO_PAGES_YET]).map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await getPublishedPage((await params).slug);
  if (!page) return { title: "Page not found", robots: { index: false } };
  const shared = await readerMetadata({ path: paths.page(page.slug), openGraph: { type: "website", title: page.title, description: page.description } });
  return { title: page.title, description: page.description, ...shared, twitter: { ...shared.twitter, title: page.title, description: page.description } };
}

export default async function StaticPage({ params }: Props) {
  const { slug } = await params;
  const [page, site] = await Promise.all([getPublishedPage(slug), getSiteSettings()]);
  if (!page) return <LegacyPath params={Promise.resolve({ legacy: [slug] })} />;
  const url = absoluteUrl(paths.page(page.slug));
  const webPage = {
    "@context": "https://schema.org",
    "@type": "WebPage",
    name: page.title,
    description: page.description,
    url,
    datePublished: page.publishedAt.toISOString(),
    dateModified: page.updatedAt.toISOString(),
    isPartOf: { "@type": "WebSite", name: site.name, url: absoluteUrl("/") },
    publisher: organizationJsonLd(site),
  };
  const crumbs = [
    { name: site.name, path: "/" },
    { name: page.title, path: paths.page(page.slug) },
  ];
  return (
    <article className="article static-page" aria-labelledby="page-title">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText([webPage, breadcrumbJsonLd(crumbs)]) }} />
      <header className="article__header">
        <h1 id="page-title" className="article__title">
          {page.title}
        </h1>
      </header>
      {/* bodyHtml is rendered and sanitized (rehype-sanitize) when the page is saved. */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
      {page.downloads.length > 0 && (
        <section className="page-downloads" aria-labelledby="page-downloads-heading">
          <h2 id="page-downloads-heading">Downloads</h2>
          <ul>
            {page.downloads.map((download) => (
              <li key={download.id}>
                <a href={download.url} download={download.fileName}>
                  <bdi>{download.title}</bdi>
                </a>
                <span className="meta">
                  {" "}
                  {documentLabel(download.mimeType)}, {formatFileSize(download.bytes)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
