// The pieces `npm start` and the browser tests share: database selection, migrations, demo content,
// the production build, and the web server and worker processes.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres, StartupError } from "../../src/lib/embedded-postgres";
import { applyMigrations } from "../../src/lib/schema-engine";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(projectRoot, "node_modules/.bin", name);

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

/** The auth secret: NEXTAUTH_SECRET when set, otherwise one generated once and kept in the data folder. */
export async function authSecret(dataDir: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
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
      else reject(new StartupError(`${path.basename(command)} ${args.join(" ")} failed (exit ${code}): see ${logFile}`));
    });
  });
}

export function buildApp(env: NodeJS.ProcessEnv, logFile: string) {
  return runToCompletion(bin("next"), ["build"], env, logFile);
}

/** A long-running child whose output goes to a log file (errors also to our stderr). */
export function startService(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string) {
  const log = createWriteStream(logFile, { flags: "a" });
  // Its own process group, so stopping it also stops what it spawned (esbuild, next's workers).
  const child = spawn(command, args, { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.pipe(log);
  child.stderr?.on("data", (chunk: Buffer) => {
    log.write(chunk);
    process.stderr.write(`[${name}] ${chunk}`);
  });
  return child;
}

// PGAPPNAME names each process's database connections (pg_stat_activity, PostgreSQL's logs).
export function startWebServer(env: NodeJS.ProcessEnv, port: number, logFile: string) {
  return startService("web", bin("next"), ["start", "-p", String(port)], { ...env, PGAPPNAME: "docket-web" }, logFile);
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
