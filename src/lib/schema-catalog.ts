// What a database's structure is, read from PostgreSQL's own catalogs: so the drift check can compare
// a database the migrations built with one built straight from schema.prisma. (Prisma's schema engine,
// as WebAssembly, cannot read a live database's structure here: see DESIGN.md.)
import pg from "pg";
import { diffDatamodels } from "./schema-engine";

/** One line per column, index, constraint and enum of the public schema, sorted; Prisma's own table left out. */
export async function describeDatabase(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const lines = [];
    for (const query of [
      `
        SELECT format('column %I.%I %s%s%s%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                 CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
                 CASE WHEN d.adbin IS NULL THEN '' ELSE ' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid) END,
                 CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END) AS line
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`,
      `
        SELECT format('index %s', indexdef) AS line FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      `
        SELECT format('constraint %I.%I %s', c.relname, con.conname, pg_get_constraintdef(con.oid)) AS line
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        WHERE c.relname <> '_prisma_migrations'`,
      `
        SELECT format('enum %I (%s)', t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)) AS line
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public'
        GROUP BY t.typname`,
    ]) {
      lines.push(...(await client.query<{ line: string }>(query)).rows.map((row) => row.line));
    }
    return lines.sort();
  } finally {
    await client.end();
  }
}

/** What one description has and the other lacks, as "- line" (only in `expected`) and "+ line" (only in `actual`). */
export function compareDescriptions(expected: string[], actual: string[]): string[] {
  const inActual = new Set(actual);
  const inExpected = new Set(expected);
  return [...expected.filter((line) => !inActual.has(line)).map((line) => `- ${line}`), ...actual.filter((line) => !inExpected.has(line)).map((line) => `+ ${line}`)];
}

/** Builds an empty database's structure straight from a datamodel, as a first migration of it would. */
export async function buildFromDatamodel(databaseUrl: string, schema: string): Promise<void> {
  const sql = await diffDatamodels(null, schema, databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
