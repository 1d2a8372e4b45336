// One throwaway PostgreSQL server per test run, with a migrated template database that each test
// file copies (CREATE DATABASE ... TEMPLATE), so files run in parallel without sharing data.
import { mkdir, mkdtemp } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "@/lib/embedded-postgres";
import { applyMigrations } from "@/lib/schema-engine";

export const TEMPLATE_DATABASE = "docket_template";
const testDataRoot = path.resolve(import.meta.dirname, "../../.test-data");

export async function startTestPostgres(): Promise<RunningPostgres> {
  await mkdir(testDataRoot, { recursive: true });
  const dataDir = await mkdtemp(path.join(testDataRoot, "pg-"));
  const server = await startEmbeddedPostgres({
    dataDir,
    logFile: `${dataDir}.log`,
    persistent: false,
  });
  await server.createDatabase(TEMPLATE_DATABASE);
  await applyMigrations(server.url(TEMPLATE_DATABASE));
  return server;
}
