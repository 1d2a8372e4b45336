// Gives the calling test file its own database, copied from the migrated template,
// and points `db()` at it through DATABASE_URL.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { createDatabaseIfMissing } from "@/lib/embedded-postgres";
import { db } from "@/lib/db";
import { TEMPLATE_DATABASE } from "./postgres-server";

export function databaseUrlFor(name: string): string {
  const url = new URL(inject("postgresAdminUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createEmptyDatabase(): Promise<string> {
  const name = `test_${randomBytes(6).toString("hex")}`;
  await createDatabaseIfMissing(inject("postgresAdminUrl"), name);
  return databaseUrlFor(name);
}

/** A fresh migrated database for this test file; `db()` uses it from now on. */
export async function useTestDatabase(): Promise<string> {
  const name = `test_${randomBytes(6).toString("hex")}`;
  await createDatabaseIfMissing(inject("postgresAdminUrl"), name, TEMPLATE_DATABASE);
  const url = databaseUrlFor(name);
  process.env.DATABASE_URL = url;
  afterAll(async () => {
    await db().$disconnect();
  });
  return url;
}
