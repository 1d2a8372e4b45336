// The migrations: they apply like `prisma migrate deploy`, they build exactly what prisma/schema.prisma
// describes (compared in PostgreSQL's catalogs, so a hand edit shows), and a database holding data at
// any older migration keeps its rows when it is brought up to date.
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, diffSinceLatestMigration, isEmptyMigration, listMigrationNames, migratedSchemaPath, migrationsDir, schemaPath } from "@/lib/schema-engine";
import { buildFromDatamodel, compareDescriptions, describeDatabase } from "@/lib/schema-catalog";
import { createEmptyDatabase } from "../helpers/database";
import { rowKeys, seedEveryTable } from "../helpers/seed-every-table";

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function migratedDatabase(options: Parameters<typeof applyMigrations>[1] = {}): Promise<string> {
  const url = await createEmptyDatabase();
  await applyMigrations(url, options);
  return url;
}

async function databaseBuiltFrom(schemaFile: string): Promise<string> {
  const url = await createEmptyDatabase();
  await buildFromDatamodel(url, await readFile(schemaFile, "utf8"));
  return url;
}

describe("migrations", () => {
  it("apply to an empty database and are recorded like prisma migrate deploy", async () => {
    const url = await createEmptyDatabase();
    const applied = await applyMigrations(url);
    expect(applied).toEqual(await listMigrationNames());
    const tables = await withClient(url, async (client) => (await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows.map((row) => row.tablename));
    expect(tables).toEqual(expect.arrayContaining(["Post", "AuthorProfile", "Comment", "Subscriber", "DigestDelivery", "_prisma_migrations"]));
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("build exactly what prisma/schema.prisma describes (drift check: run `npm run db:migration -- NAME` when this fails)", async () => {
    const [migrated, fromSchema] = await Promise.all([migratedDatabase(), databaseBuiltFrom(schemaPath)]);
    const differences = compareDescriptions(await describeDatabase(fromSchema), await describeDatabase(migrated));
    expect(differences, `the migrated database differs from schema.prisma (- only in schema.prisma, + only in the migrations):\n${differences.join("\n")}`).toEqual([]);
  });

  it("leave what prisma/migrations/schema-as-migrated.prisma says, the next migration's starting point", async () => {
    const [migrated, fromSnapshot] = await Promise.all([migratedDatabase(), databaseBuiltFrom(migratedSchemaPath)]);
    expect(compareDescriptions(await describeDatabase(fromSnapshot), await describeDatabase(migrated))).toEqual([]);
  });

  it("the drift check fails on a hand edit to a migration.sql", async () => {
    const edited = await mkdtemp(path.join(os.tmpdir(), "docket-migrations-"));
    await cp(migrationsDir, edited, { recursive: true });
    const [latest] = (await listMigrationNames(edited)).slice(-1);
    const file = path.join(edited, latest, "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\nALTER TABLE "Tag" ADD COLUMN "colour" TEXT;\nALTER TABLE "Post" ALTER COLUMN "title" SET DEFAULT 'Untitled';\n`);
    const [migrated, fromSchema] = await Promise.all([migratedDatabase({ dir: edited }), databaseBuiltFrom(schemaPath)]);
    expect(compareDescriptions(await describeDatabase(fromSchema), await describeDatabase(migrated))).toEqual([
      `- column "Post".title text NOT NULL`,
      `+ column "Post".title text NOT NULL DEFAULT 'Untitled'::text`,
      `+ column "Tag".colour text`,
    ]);
  });

  it("the next migration is the difference from the schema as migrated", async () => {
    const url = await createEmptyDatabase();
    const schema = await readFile(schemaPath, "utf8");
    expect(isEmptyMigration(await diffSinceLatestMigration(schema, url))).toBe(true);
    const sql = await diffSinceLatestMigration(schema.replace("model Tag {", "model Tag {\n  colour String?"), url);
    expect(sql).toContain('ADD COLUMN     "colour" TEXT');
  });
});

describe("upgrading a database that holds data", () => {
  it("keeps every row, and every value of every column that remains, from each older migration to the newest", async () => {
    const names = await listMigrationNames();
    for (const older of names.slice(0, -1)) {
      const url = await migratedDatabase({ through: older });
      const seeded = await withClient(url, seedEveryTable);
      const applied = await applyMigrations(url);
      expect(applied, `from ${older}`).toEqual(names.slice(names.indexOf(older) + 1));
      await withClient(url, async (client) => {
        const keys = await rowKeys(client);
        for (const [table, row] of seeded) {
          const key = keys.get(table);
          expect(key, `${table} (seeded at ${older}) still exists, with a key`).toBeDefined();
          const where = key!.map((column, index) => `"${column}" = $${index + 1}`).join(" AND ");
          const { rows } = await client.query(`SELECT * FROM "${table}" WHERE ${where}`, key!.map((column) => row[column]));
          expect(rows, `the ${table} row seeded at ${older}`).toHaveLength(1);
          const kept = Object.fromEntries(Object.keys(row).filter((column) => column in rows[0]).map((column) => [column, row[column]]));
          expect(rows[0], `the ${table} row seeded at ${older}`).toMatchObject(kept);
        }
      });
    }
  });
});
