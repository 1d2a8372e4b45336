import { readFile } from "node:fs/promises";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, diffSinceLatestMigration, isEmptyMigration, listMigrationNames, schemaPath } from "@/lib/schema-engine";
import { createEmptyDatabase } from "../helpers/database";

async function tableNames(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    return result.rows.map((row) => row.tablename);
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("apply to an empty database and are recorded like prisma migrate deploy", async () => {
    const url = await createEmptyDatabase();
    const applied = await applyMigrations(url);
    expect(applied).toEqual(await listMigrationNames());
    const tables = await tableNames(url);
    expect(tables).toEqual(expect.arrayContaining(["Post", "AuthorProfile", "Comment", "Subscriber", "DigestDelivery", "_prisma_migrations"]));
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("match prisma/schema.prisma (drift check: run `npm run db:migration -- NAME` when this fails)", async () => {
    const url = await createEmptyDatabase();
    const sql = await diffSinceLatestMigration(await readFile(schemaPath, "utf8"), url);
    expect(isEmptyMigration(sql), `schema.prisma has changes no migration holds:\n${sql}`).toBe(true);
  });

  it("the drift check notices a schema change", async () => {
    const url = await createEmptyDatabase();
    const schema = await readFile(schemaPath, "utf8");
    const changed = schema.replace("model Tag {", "model Tag {\n  colour String?");
    const sql = await diffSinceLatestMigration(changed, url);
    expect(sql).toContain('ADD COLUMN     "colour" TEXT');
  });
});
