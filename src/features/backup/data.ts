// Reads for the site backup: which tables hold the site (every Prisma model's table, found through
// PostgreSQL's own catalog so a model added later is included without a change here), in an order
// where every row's references come before it, and their rows as JSON, streamed a page at a time.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { BackupColumn } from "./schema";

/**
 * Tables whose rows are live secrets or a running server's state, not the site: sign-in sessions, one-time
 * sign-in tokens and the servers' shared secrets (a backup must never be a key to someone's account), and
 * rate-limit windows and cache-invalidation versions.
 */
export const TABLES_LEFT_OUT = new Set(["Session", "VerificationToken", "SharedSetting", "RateLimitCounter", "CacheTag"]);

/** The database client, or a transaction's (a backup reads one consistent snapshot). */
export type Client = Prisma.TransactionClient;

/**
 * The people and the site's own bookkeeping: a new Docket may have them (the administrator who restores,
 * settings written at first start, the audit of that sign-in). A restore replaces them with the backup's.
 */
export const REPLACED_BY_RESTORE = new Set(["User", "Account", "AuthorProfile", "Invitation", "AuditLog", "ImportRun", "Setting", "Session", "VerificationToken", "RateLimitCounter"]);

export type BackupTable = {
  name: string;
  /** The primary key's columns, in key order (every Prisma model has one). */
  primaryKey: string[];
  /** Columns that reference a row of the same table (a comment's parent): restored in a second step. */
  selfReferences: string[];
};

/** The table of every Prisma model (no model maps to another table name). */
function modelTables(): string[] {
  return Object.values(Prisma.ModelName);
}

type CatalogRow = { table_name: string; primary_key: string[] | null };
type ReferenceRow = { table_name: string; referenced_table: string; columns: string[] };

/** The site's tables, referenced tables first; refuses a schema whose tables reference each other in a circle. */
export async function listBackupTables(client: Client = db()): Promise<BackupTable[]> {
  const wanted = new Set(modelTables().filter((name) => !TABLES_LEFT_OUT.has(name)));
  const tables = await client.$queryRaw<CatalogRow[]>`
    SELECT c.relname AS table_name,
      (SELECT array_agg(a.attname::text ORDER BY k.ordinality)
         FROM pg_constraint pk
         CROSS JOIN LATERAL unnest(pk.conkey) WITH ORDINALITY AS k(attnum, ordinality)
         JOIN pg_attribute a ON a.attrelid = pk.conrelid AND a.attnum = k.attnum
        WHERE pk.conrelid = c.oid AND pk.contype = 'p') AS primary_key
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r'`;
  const references = await client.$queryRaw<ReferenceRow[]>`
    SELECT src.relname AS table_name, dst.relname AS referenced_table,
      (SELECT array_agg(a.attname::text ORDER BY k.ordinality)
         FROM unnest(fk.conkey) WITH ORDINALITY AS k(attnum, ordinality)
         JOIN pg_attribute a ON a.attrelid = fk.conrelid AND a.attnum = k.attnum) AS columns
    FROM pg_constraint fk
    JOIN pg_class src ON src.oid = fk.conrelid
    JOIN pg_class dst ON dst.oid = fk.confrelid
    JOIN pg_namespace n ON n.oid = src.relnamespace
    WHERE fk.contype = 'f' AND n.nspname = current_schema()`;

  const found = new Map(tables.filter((table) => wanted.has(table.table_name)).map((table) => [table.table_name, table]));
  const missing = [...wanted].filter((name) => !found.has(name));
  if (missing.length > 0) throw new Error(`The database has no table for ${missing.join(", ")}: apply the migrations first.`);

  const dependsOn = new Map<string, Set<string>>([...found.keys()].map((name) => [name, new Set<string>()]));
  const selfReferences = new Map<string, string[]>();
  for (const reference of references) {
    if (!found.has(reference.table_name)) continue;
    if (reference.referenced_table === reference.table_name) {
      selfReferences.set(reference.table_name, [...(selfReferences.get(reference.table_name) ?? []), ...reference.columns]);
    } else if (found.has(reference.referenced_table)) {
      dependsOn.get(reference.table_name)!.add(reference.referenced_table);
    }
  }

  const ordered: BackupTable[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (name: string) => {
    if (placed.has(name)) return;
    if (visiting.has(name)) throw new Error(`Tables reference each other in a circle through ${name}: the backup cannot order them.`);
    visiting.add(name);
    for (const dependency of [...dependsOn.get(name)!].sort()) place(dependency);
    visiting.delete(name);
    placed.add(name);
    const table = found.get(name)!;
    if (!table.primary_key) throw new Error(`Table ${name} has no primary key.`);
    ordered.push({ name, primaryKey: table.primary_key, selfReferences: selfReferences.get(name) ?? [] });
  };
  for (const name of [...found.keys()].sort()) place(name);
  return ordered;
}

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Every row of `table` as the JSON text PostgreSQL makes of it (every column type kept exactly: dates to
 * the millisecond, arrays, JSON, search vectors), a page at a time in primary-key order: each page starts
 * after the last key of the one before (keyset pagination), so every page costs the same however large
 * the table.
 */
export async function* iterateTableRows(table: BackupTable, client: Client = db(), pageSize = 1000): AsyncGenerator<string> {
  const key = table.primaryKey.map((column) => `t.${quoted(column)}`).join(", ");
  const lastKey = table.primaryKey.map((column) => `p.${quoted(column)}`).join(", ");
  let after: string | null = null;
  for (;;) {
    // The last key seen, as a JSON object, read back into the table's own row type so each column keeps its type.
    const page: { row: string; last: string }[] = await client.$queryRawUnsafe(
      `SELECT row_to_json(t)::text AS row, json_build_object(${table.primaryKey.map((column) => `'${column.replaceAll("'", "''")}', t.${quoted(column)}`).join(", ")})::text AS last
       FROM ${quoted(table.name)} t
       ${after === null ? "" : `, json_populate_record(NULL::${quoted(table.name)}, $1::json) p WHERE (${key}) > (${lastKey})`}
       ORDER BY ${key} LIMIT ${pageSize}`,
      ...(after === null ? [] : [after]),
    );
    for (const { row } of page) yield row;
    if (page.length < pageSize) return;
    after = page[page.length - 1].last;
  }
}

/** The names of the migrations this database has applied, oldest first. */
export async function listAppliedMigrations(client: Client = db()): Promise<string[]> {
  const rows = await client.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;
  return rows.map((row) => row.migration_name);
}

/** Rows per table, for the tables a backup holds. */
export async function countTableRows(tables: BackupTable[], client: Client = db()): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [{ count }] = await client.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM ${quoted(table.name)}`);
    counts[table.name] = Number(count);
  }
  return counts;
}

/** A hash of each table's whole content (every row, in key order): equal hashes mean equal tables. */
export async function hashTableContents(tables: BackupTable[], client: Client = db()): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const table of tables) {
    const [{ hash }] = await client.$queryRawUnsafe<{ hash: string | null }[]>(
      `SELECT md5(coalesce(string_agg(row_to_json(t)::text, E'\\n' ORDER BY ${table.primaryKey.map((column) => `t.${quoted(column)}`).join(", ")}), '')) AS hash FROM ${quoted(table.name)} t`,
    );
    hashes[table.name] = hash ?? "";
  }
  return hashes;
}

/** Runs `read` in one REPEATABLE READ transaction: everything it reads is the same moment of the site. */
export async function readSnapshot<T>(read: (client: Client) => Promise<T>): Promise<T> {
  return db().$transaction(read, { isolationLevel: "RepeatableRead", timeout: 24 * 60 * 60 * 1000, maxWait: 30_000 });
}

/**
 * The columns of a table in its own order (what json_populate_recordset gives back), with what a
 * restored value must be: the type's name and category (PostgreSQL's typcategory: "A" array, "E" enum…),
 * an array's element type, a varchar's length and an enum's labels.
 */
export async function listColumns(table: string, client: Client = db()): Promise<BackupColumn[]> {
  return client.$queryRaw<BackupColumn[]>`
    SELECT a.attname::text AS name, a.attnotnull AS "notNull", base.typname::text AS type, base.typcategory::text AS category,
      CASE WHEN a.atttypmod > 4 AND base.typname IN ('varchar', 'bpchar') THEN a.atttypmod - 4 END AS "maxLength",
      (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = base.oid) AS labels,
      t.typcategory = 'A' AS "isArray"
    FROM pg_attribute a
    JOIN pg_type t ON t.oid = a.atttypid
    JOIN pg_type base ON base.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
    WHERE a.attrelid = (quote_ident(current_schema()) || '.' || quote_ident(${table}))::regclass AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum`;
}

/** The tables that hold content (anything but people and bookkeeping): a backup restores only when there are none. */
export async function listTablesWithContent(tables?: BackupTable[], client: Client = db()): Promise<string[]> {
  const withContent: string[] = [];
  for (const table of tables ?? (await listBackupTables(client))) {
    if (REPLACED_BY_RESTORE.has(table.name)) continue;
    const [{ any }] = await client.$queryRawUnsafe<{ any: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM ${quoted(table.name)}) AS any`);
    if (any) withContent.push(table.name);
  }
  return withContent;
}
