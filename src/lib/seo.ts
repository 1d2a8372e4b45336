// Site identity, canonical URLs and JSON-LD for reader pages and feeds.
import { env, siteUrl } from "@/lib/env";

export function siteName(): string {
  return env().SITE_NAME;
}

export function siteTagline(): string {
  return env().SITE_TAGLINE;
}

/** The absolute URL of a path on this site. */
export function absoluteUrl(path: string): string {
  return `${siteUrl()}${path.startsWith("/") ? path : `/${path}`}`;
}

export const paths = {
  home: (page = 1) => (page > 1 ? `/page/${page}` : "/"),
  post: (slug: string) => `/posts/${encodeURIComponent(slug)}`,
  allSeries: () => "/series",
  series: (slug: string) => `/series/${encodeURIComponent(slug)}`,
  category: (slug: string) => `/categories/${encodeURIComponent(slug)}`,
  tag: (slug: string) => `/tags/${encodeURIComponent(slug)}`,
  author: (slug: string) => `/authors/${encodeURIComponent(slug)}`,
  search: (query?: string, page = 1) =>
    query ? `/search?q=${encodeURIComponent(query)}${page > 1 ? `&page=${page}` : ""}` : "/search",
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
