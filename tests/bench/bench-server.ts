// What the benchmarks share: a database with the demo content (a throwaway embedded PostgreSQL
// unless DATABASE_URL is set), a production build in .next-test, and Docket's web server on it.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { findFreePort, startEmbeddedPostgres } from "../../src/lib/embedded-postgres";
import { buildApp, prepareDatabase, projectRoot, startWebServers, stopProcess, waitForHttp } from "../../scripts/lib/services";
import { acquireLock } from "../helpers/lock";

async function benchDatabase(workDir: string) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(workDir, "postgres"),
    logFile: path.join(workDir, "postgres.log"),
    persistent: false,
  });
  await server.createDatabase("docket_bench");
  const url = server.url("docket_bench");
  await prepareDatabase(url, { demoContent: true });
  return { url, stop: server.stop };
}

export type BenchServer = {
  baseUrl: string;
  port: number;
  databaseUrl: string;
  workDir: string;
  /** The running web server (null between restart's stop and start). */
  web: () => ChildProcess | undefined;
  /** Stops the web server and starts it again (as `processes` web processes), on the same build, port and database. */
  restart: (processes?: number) => Promise<void>;
  stop: () => Promise<void>;
};

/** Builds and starts Docket for a benchmark; one benchmark or browser-test run at a time (a lock). */
export async function startBenchServer(options: { webEnv?: Record<string, string> } = {}): Promise<BenchServer> {
  const releaseLock = await acquireLock(path.join(projectRoot, ".test-data", "e2e.lock"));
  const workDir = await mkdtemp(path.join(projectRoot, ".test-data", "bench-"));
  await chmod(workDir, 0o755); // as root, PostgreSQL runs as its own user and must reach its folder
  let web: ChildProcess | undefined;
  let database: Awaited<ReturnType<typeof benchDatabase>> | undefined;
  const stop = async () => {
    await stopProcess(web);
    web = undefined;
    await database?.stop();
    await rm(workDir, { recursive: true, force: true });
    await releaseLock();
  };
  try {
    process.env.DOCKET_DATA_DIR = workDir; // before anything reads the settings: mail goes to its outbox
    database = await benchDatabase(workDir);
    process.env.DATABASE_URL = database.url;
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-test",
      DATABASE_URL: database.url,
      DOCKET_DATA_DIR: workDir,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: baseUrl,
      SITE_URL: baseUrl,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    // BENCH_REUSE_BUILD=1 serves the build already in .next-test (when repeating a benchmark).
    if (process.env.BENCH_REUSE_BUILD !== "1") {
      console.log("Building (next build)...");
      await buildApp(env, path.join(workDir, "build.log"));
    }
    const start = async (processes = 1) => {
      web = startWebServers({ ...env, ...options.webEnv }, port, processes, path.join(workDir, "web.log"));
      await waitForHttp(`${baseUrl}/`, web, 120_000);
    };
    await start();
    return {
      baseUrl,
      port,
      databaseUrl: database.url,
      workDir,
      web: () => web,
      restart: async (processes = 1) => {
        await stopProcess(web);
        await start(processes);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
