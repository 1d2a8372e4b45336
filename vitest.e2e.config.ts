import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // "server-only" guards server modules from Next's client bundles; tests have no client to guard.
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src"), "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js") } },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/helpers/e2e-global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    // One server and database are shared: run test files one after another.
    fileParallelism: false,
  },
});
