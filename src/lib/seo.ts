// Canonical URLs, page metadata and JSON-LD for reader pages and feeds. The site's name, tagline and
// the rest are site settings, stored in the database: callers pass them in from getSiteSettings()
// (src/features/site/data.ts).
import type { Metadata } from "next";
import { siteUrl } from "@/lib/env";

/** The absolute URL of a path on this site. */
export function absoluteUrl(path: string): string {
  return `${siteUrl()}${path.startsWith("/") ? path : `/${path}`}`;
}

/** A website address people typed (a profile, a comment), fit to link to: http(s) with a host ("https:////x" is not). */
export function safeWebsite(url: string | null): string | null {
  return url && /^https?:\/\/[^/\\]/i.test(url) ? url : null;
}

function archivePath(base: string, page: number): string {
  return page > 1 ? `${base}/page/${page}` : base;
}

/** The page number in an archive's /page/<n> address; null for anything else. */
export function archivePageNumber(text: string): number | null {
  return /^[1-9]\d{0,4}$/.test(text) ? Number(text) : null;
}

export const paths = {
  home: (page = 1) => (page > 1 ? `/page/${page}` : "/"),
  post: (slug: string) => `/posts/${encodeURIComponent(slug)}`,
  allSeries: () => "/series",
  series: (slug: string) => `/series/${encodeURIComponent(slug)}`,
  category: (slug: string, page = 1) => archivePath(`/categories/${encodeURIComponent(slug)}`, page),
  tag: (slug: string, page = 1) => archivePath(`/tags/${encodeURIComponent(slug)}`, page),
  author: (slug: string, page = 1) => archivePath(`/authors/${encodeURIComponent(slug)}`, page),
  search: (query?: string, page = 1) =>
    query ? `/search?q=${encodeURIComponent(query)}${page > 1 ? `&page=${page}` : ""}` : "/search",
  /** A static page (About, Write for us…) lives at the site's top level. */
  page: (slug: string) => `/${encodeURIComponent(slug)}`,
  corrections: (page = 1) => archivePath("/corrections", page),
  complaints: () => "/complaints",
  rss: (scope = "") => `${scope}/feed.xml`,
  atom: (scope = "") => `${scope}/atom.xml`,
  shareImage: (slug: string) => `/posts/${encodeURIComponent(slug)}/share-image.png`,
  siteShareImage: () => "/share-image.png",
};

type FeedScope = { path: string; title: string };

/** <link rel="alternate"> for a page's own feeds (a series, category or author) and the site's. */
function feedLinks(siteName: string, scope?: FeedScope) {
  const links = (format: "RSS" | "Atom", feedPath: (scope?: string) => string) => [
    ...(scope ? [{ url: absoluteUrl(feedPath(scope.path)), title: `${scope.title} (${format})` }] : []),
    { url: absoluteUrl(feedPath()), title: `${siteName} (${format})` },
  ];
  return { "application/rss+xml": links("RSS", paths.rss), "application/atom+xml": links("Atom", paths.atom) };
}

/** The site's share image: what the root layout offers every page that names no other. */
export function siteShareImage(siteName: string) {
  return { url: absoluteUrl(paths.siteShareImage()), width: 1200, height: 630, alt: siteName };
}

/**
 * What every reader page's metadata carries. A page's own `alternates`, `openGraph` and `twitter`
 * replace the layout's whole, so each page sets them here together: its address (canonical, unless
 * the page is not to be indexed, and og:url), the feeds to discover (the site's, and the page's own),
 * and the share image its large-image card shows (the site's unless the page has its own).
 */
export function readerPageMetadata(page: {
  /** The site's name (a site setting). */
  siteName: string;
  path: string;
  canonical?: boolean;
  feed?: FeedScope;
  image?: { path: string; alt: string };
  openGraph?: Metadata["openGraph"];
}): Pick<Metadata, "alternates" | "openGraph" | "twitter"> {
  const url = absoluteUrl(page.path);
  const image = page.image ? { url: absoluteUrl(page.image.path), width: 1200, height: 630, alt: page.image.alt } : siteShareImage(page.siteName);
  return {
    alternates: { ...(page.canonical === false ? {} : { canonical: url }), types: feedLinks(page.siteName, page.feed) },
    openGraph: { siteName: page.siteName, locale: "en_GB", type: "website", ...page.openGraph, url, images: [image] } as Metadata["openGraph"],
    twitter: { card: "summary_large_image", images: [image] },
  };
}

/** JSON for a <script type="application/ld+json">: `<` is escaped so no text can close the script. */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}

export function breadcrumbJsonLd(items: { name: string; path: string }[]) {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: item.name,
      item: absoluteUrl(item.path),
    })),
  };
}
