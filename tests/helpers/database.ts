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

/**
 * A new database copied from the migrated template. PostgreSQL refuses to copy a template another
 * connection is using (the global setup's can linger a few seconds), so it tries again for 15 s.
 */
export async function copyTemplateDatabase(prefix = "test"): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await createDatabaseIfMissing(inject("postgresAdminUrl"), name, TEMPLATE_DATABASE);
      return databaseUrlFor(name);
    } catch (error) {
      if (attempt >= 30 || !String(error).includes("is being accessed by other users")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Points `db()` at a new copy of the template, closing its connections to the one before. */
export async function switchToNewDatabase(prefix?: string): Promise<string> {
  const url = await copyTemplateDatabase(prefix);
  const globals = globalThis as { docketPrisma?: { $disconnect(): Promise<void> } };
  await globals.docketPrisma?.$disconnect();
  delete globals.docketPrisma;
  process.env.DATABASE_URL = url;
  return url;
}

/** A fresh migrated database for this test file; `db()` uses it from now on. */
export async function useTestDatabase(): Promise<string> {
  const url = await copyTemplateDatabase();
  process.env.DATABASE_URL = url;
  afterAll(async () => {
    await db().$disconnect();
  });
  return url;
}
