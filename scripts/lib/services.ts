// The pieces `npm start` and the browser tests share: database selection, migrations, demo content,
// the production build, and the web server and worker processes.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, StartupError } from "../../src/lib/embedded-postgres";
import { applyMigrations } from "../../src/lib/schema-engine";
import { agreeOnSharedSecrets } from "../../src/lib/shared-settings";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(projectRoot, "node_modules/.bin", name);
// Run by the pinned Node, whatever `node` is first on PATH: the cache handlers need its TypeScript support.
const nextCli = path.join(projectRoot, "node_modules/next/dist/bin/next");

export type Database = { url: string; embedded: boolean; describe: string; stop: () => Promise<void> };

/** DATABASE_URL when set; otherwise an embedded PostgreSQL with its data under `dataDir/postgres`. */
export async function resolveDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  port?: number;
}): Promise<Database> {
  if (options.databaseUrl) {
    const where = new URL(options.databaseUrl);
    return {
      url: options.databaseUrl,
      embedded: false,
      describe: `PostgreSQL at ${where.hostname}:${where.port || 5432}${where.pathname} (DATABASE_URL)`,
      stop: async () => {},
    };
  }
  const folder = path.join(options.dataDir, "postgres");
  const server = await startEmbeddedPostgres({
    dataDir: folder,
    port: options.port,
    logFile: path.join(options.dataDir, "logs", "postgres.log"),
  });
  await server.createDatabase("docket");
  return {
    url: server.url("docket"),
    embedded: true,
    describe: `embedded PostgreSQL 18 in ${path.relative(process.cwd(), folder) || folder} on port ${server.port}`,
    stop: server.stop,
  };
}

/**
 * Applies migrations, stores the first-run site settings (from SITE_NAME and the rest, once), then
 * loads the demo content unless it was loaded before or is switched off.
 */
export async function prepareDatabase(databaseUrl: string, options: { demoContent: boolean }) {
  const applied = await applyMigrations(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  const { storeFirstRunSiteSettings } = await import("../../src/features/site/mutations");
  const { db } = await import("../../src/lib/db");
  try {
    await storeFirstRunSiteSettings();
    if (!options.demoContent) return { applied, demoLoaded: false };
    const { loadDemoContent } = await import("../../src/features/demo-content/mutations");
    const { loaded } = await loadDemoContent();
    return { applied, demoLoaded: loaded };
  } finally {
    await db().$disconnect();
  }
}

/**
 * The auth secret and server-action key this server must share with every other on the database:
 * from the environment when set (and checked), otherwise those the first server recorded.
 */
export function sharedSecrets(databaseUrl: string, dataDir: string, settings: { NEXTAUTH_SECRET?: string; NEXT_SERVER_ACTIONS_ENCRYPTION_KEY?: string }) {
  return agreeOnSharedSecrets(databaseUrl, {
    authSecret: settings.NEXTAUTH_SECRET,
    serverActionsKey: settings.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    legacySecretFile: path.join(dataDir, "auth-secret"),
  });
}

export function runToCompletion(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string) {
  return new Promise<void>((resolve, reject) => {
    const log = createWriteStream(logFile, { flags: "a" });
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on("error", reject);
    child.on("exit", (code) => {
      log.end();
      if (code === 0) resolve();
      else reject(new StartupError(`${args.map((arg) => path.basename(arg)).join(" ")} failed (exit ${code}): see ${logFile}`));
    });
  });
}

export function buildApp(env: NodeJS.ProcessEnv, logFile: string) {
  return runToCompletion(bin("node"), [nextCli, "build"], env, logFile);
}

const recentErrors = new WeakMap<ChildProcess, string[]>();
const RECENT_ERROR_LINES = 20;

/** A long-running child whose output goes to a log file (errors also to our stderr). */
export function startService(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string) {
  const log = createWriteStream(logFile, { flags: "a" });
  // Its own process group, so stopping it also stops what it spawned (esbuild, next's workers).
  const child = spawn(command, args, { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const recent: string[] = [];
  recentErrors.set(child, recent);
  child.stdout?.pipe(log);
  child.stderr?.on("data", (chunk: Buffer) => {
    log.write(chunk);
    process.stderr.write(`[${name}] ${chunk}`);
    recent.push(...chunk.toString("utf8").split("\n").filter((line) => line.trim() !== ""));
    recent.splice(0, Math.max(0, recent.length - RECENT_ERROR_LINES));
  });
  return child;
}

/** Why a child ended, in words: its exit code or signal, and the error it printed last (a crash, an exhausted heap). */
export function describeExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): string {
  const how = signal ? `killed by ${signal}` : `exit ${code}`;
  const lines = recentErrors.get(child) ?? [];
  const reason = lines.findLast((line) => /FATAL ERROR|heap out of memory|Error:|error:/.test(line)) ?? lines.at(-1);
  return reason ? `${how}: ${reason.trim()}` : how;
}

/** Restarts allowed in CRASH_WINDOW_MS before a service counts as unable to run (a bad setting, not a bad request). */
export const MAX_RESTARTS = 5;
const CRASH_WINDOW_MS = 60_000;

export type SupervisedService = { current: () => ChildProcess; stop: () => Promise<void> };

/**
 * Keeps a service running: when its process ends unexpectedly it says why and starts another, so one
 * request that kills a web process (a crash, an exhausted heap) never stops the site. A process that
 * ends MAX_RESTARTS times within a minute is left stopped and `onGiveUp` is called.
 */
export function superviseService(
  name: string,
  start: () => ChildProcess,
  callbacks: { onRestart?: (message: string) => void; onGiveUp: (message: string) => void },
): SupervisedService {
  let stopping = false;
  const crashes: number[] = [];
  let child = start();
  const watch = (watched: ChildProcess) => {
    watched.once("exit", (code, signal) => {
      if (stopping) return;
      const why = describeExit(watched, code, signal);
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0] < now - CRASH_WINDOW_MS) crashes.shift();
      if (crashes.length >= MAX_RESTARTS) {
        callbacks.onGiveUp(`The ${name} stopped unexpectedly ${crashes.length} times within a minute (last: ${why}); Docket is stopping.`);
        return;
      }
      const message = `The ${name} stopped unexpectedly (${why}); starting it again.`;
      console.error(message);
      callbacks.onRestart?.(message);
      child = start();
      watch(child);
    });
  };
  watch(child);
  return {
    current: () => child,
    stop: async () => {
      stopping = true;
      await stopProcess(child);
    },
  };
}

// PGAPPNAME names each process's database connections (pg_stat_activity, PostgreSQL's logs).
// scripts/web-server.ts rather than `next start`: see there why.
// The JavaScript heap is capped (DOCKET_WEB_HEAP_MB, 512 MB): rendering makes garbage fast, and
// with Node's default limit (a quarter of the machine's memory, up to 4 GB) V8 keeps growing the heap
// rather than collecting it. Under load the live data stays near 200–300 MB (bench:soak); with the
// cap the server's memory levels off instead of climbing for as long as the load lasts.
export function startWebServer(env: NodeJS.ProcessEnv, port: number, logFile: string) {
  return startService("web", bin("node"), [...webServerNodeOptions(env), "scripts/web-server.ts"], { ...env, PORT: String(port), PGAPPNAME: "docket-web" }, logFile);
}

/** Node's options for a web process: the heap cap (DOCKET_WEB_HEAP_MB), and no loader (see scripts/web-server.ts). */
export function webServerNodeOptions(env: NodeJS.ProcessEnv): string[] {
  return ["--disable-warning=ExperimentalWarning", `--max-old-space-size=${Number(env.DOCKET_WEB_HEAP_MB || 512)}`];
}

/**
 * `count` web processes on one port: one scripts/web-server.ts, or a cluster of them
 * (scripts/web-cluster.ts). Either way one process group, stopped as one.
 */
export function startWebServers(env: NodeJS.ProcessEnv, port: number, count: number, logFile: string) {
  if (count === 1) return startWebServer(env, port, logFile);
  return startService("web", bin("node"), [...webServerNodeOptions(env), "scripts/web-cluster.ts", String(port), String(count)], { ...env, PORT: String(port), PGAPPNAME: "docket-web" }, logFile);
}

export function startWorkerProcess(env: NodeJS.ProcessEnv, logFile: string) {
  return startService(
    "worker",
    bin("node"),
    ["--disable-warning=ExperimentalWarning", "--import", "./scripts/register.mjs", "src/jobs/worker.ts"],
    { ...env, PGAPPNAME: "docket-worker" },
    logFile,
  );
}

export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new StartupError(`The web server exited (code ${child.exitCode}) before it was ready.`);
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new StartupError(`The web server did not answer at ${url} within ${timeoutMs / 1000}s.`);
}

/** Signals every process in the group; signal 0 only asks whether any is left. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

/**
 * Sends SIGTERM to the child's process group, then SIGKILL after `graceMs`; resolves once no process
 * of the group is left.
 */
export async function stopProcess(child: ChildProcess | undefined, graceMs = 10_000): Promise<void> {
  if (!child?.pid) return;
  const killAt = Date.now() + graceMs;
  const giveUpAt = killAt + 2_000;
  signalGroup(child.pid, "SIGTERM");
  while (signalGroup(child.pid, 0) && Date.now() < giveUpAt) {
    if (Date.now() > killAt) signalGroup(child.pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
