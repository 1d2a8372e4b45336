// `npm run db:migrate` migrates the database at DATABASE_URL offline, with the code `npm start` uses, and
// says what it did; without DATABASE_URL it says what to set. A command run without DATABASE_URL while
// `npm start` holds the embedded database says in one line what to do.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { chmod, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/embedded-postgres";
import { createEmptyDatabase } from "../helpers/database";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const migrate = (databaseUrl: string) => run("npm", ["run", "--silent", "db:migrate"], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl } });
const MIGRATIONS = readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("npm run db:migrate", () => {
  it("applies every migration to an empty database, then finds nothing to do", async () => {
    const url = await createEmptyDatabase();
    const first = await migrate(url);
    expect(first.stdout.trim()).toBe(`Applied ${MIGRATIONS.length} migrations: ${MIGRATIONS.join(", ")}.`);
    const applied = await query<{ name: string }>(url, `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`);
    expect(applied.map((row) => row.name)).toEqual(MIGRATIONS);
    expect(await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Post'`)).toHaveLength(1);
    expect((await migrate(url)).stdout.trim()).toBe("The database is up to date: no migration to apply.");
  });

  it("says in one line what to set when DATABASE_URL is missing", async () => {
    const failure = await migrate("").catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr.trim()).toBe("Set DATABASE_URL to the PostgreSQL database to migrate (npm start migrates its own embedded database itself).");
  });
});

describe("a command while npm start holds the embedded database", () => {
  it("says in one line to set DATABASE_URL, with no stack trace", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "docket-held-"));
    // PostgreSQL refuses to run as root, so the server runs as another user, who must reach its folder.
    await chmod(dataDir, 0o755);
    // What npm start does with no DATABASE_URL: the embedded server in DOCKET_DATA_DIR/postgres.
    const held = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), logFile: path.join(dataDir, "logs", "postgres.log"), persistent: false });
    try {
      const failure = await run("npm", ["run", "--silent", "export", "--", "--format", "wxr", path.join(dataDir, "site.xml")], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: "", DOCKET_DATA_DIR: dataDir },
      }).catch((error: { code: number; stdout: string; stderr: string }) => error);
      expect(failure).toMatchObject({ code: 1, stdout: "" });
      expect((failure as { stderr: string }).stderr).toBe(
        `Docket's embedded database in ${dataDir} is in use (npm start is running): run this again with DATABASE_URL set to the database npm start printed when it started.\n`,
      );
    } finally {
      await held.stop();
    }
  });
});
