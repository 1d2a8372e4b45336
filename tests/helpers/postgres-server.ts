// One throwaway PostgreSQL server per test run, with a migrated template database that each test
// file copies (CREATE DATABASE ... TEMPLATE), so files run in parallel without sharing data.
import { mkdir, mkdtemp } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type RunningPostgres } from "@/lib/embedded-postgres";
import { applyMigrations } from "@/lib/schema-engine";

export const TEMPLATE_DATABASE = "docket_template";
const testDataRoot = path.resolve(import.meta.dirname, "../../.test-data");

export async function startTestPostgres(): Promise<RunningPostgres & { logFile: string }> {
  await mkdir(testDataRoot, { recursive: true });
  const dataDir = await mkdtemp(path.join(testDataRoot, "pg-"));
  const logFile = `${dataDir}.log`;
  const server = await startEmbeddedPostgres({ dataDir, logFile, persistent: false });
  await server.createDatabase(TEMPLATE_DATABASE);
  await applyMigrations(server.url(TEMPLATE_DATABASE));
  await closeConnectionsTo(server, TEMPLATE_DATABASE);
  return { ...server, logFile };
}

/**
 * applyMigrations leaves the schema engine's pooled connection open for a while, and
 * CREATE DATABASE ... TEMPLATE refuses to copy a database anyone is connected to.
 */
async function closeConnectionsTo(server: RunningPostgres, database: string) {
  const client = new pg.Client({ connectionString: server.url("postgres") });
  await client.connect();
  try {
    await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [database]);
  } finally {
    await client.end();
  }
}
