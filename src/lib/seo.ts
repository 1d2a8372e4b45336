// Canonical URLs and JSON-LD for reader pages and feeds. The site's name, tagline and the rest are
// site settings, stored in the database: getSiteSettings() in src/features/site/data.ts.
import { siteUrl } from "@/lib/env";

/** The absolute URL of a path on this site. */
export function absoluteUrl(path: string): string {
  return `${siteUrl()}${path.startsWith("/") ? path : `/${path}`}`;
}

/** A website address people typed (a profile, a comment), fit to link to: http(s) only. */
export function safeWebsite(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
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
  rss: (scope = "") => `${scope}/feed.xml`,
  atom: (scope = "") => `${scope}/atom.xml`,
};

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
