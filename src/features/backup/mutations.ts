// Restoring a backup: every row goes back exactly as it was (ids, dates, search documents), in one
// transaction, so a restore that fails part-way leaves the site as it was. Only into an empty site.
import "server-only";
import type { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { insertStoredRows, STORE_TABLES, type StoreTable } from "@/features/posts/store";
import type { FileStorage } from "@/lib/storage-keys";
import { BackupFormatError, type BackupHeader, type BackupManifest, type BackupRecord } from "./backup-file";
import { listAppliedMigrations, listBackupTables, listColumns, listTablesWithContent, REPLACED_BY_RESTORE, type BackupTable, type Client } from "./data";
import { describeRowProblem, rowSchemaFor } from "./schema";

/** The site has content, or runs another version of Docket: nothing was restored. */
export class RestoreRefusedError extends UserFacingError {}

const BATCH_ROWS = 500;
const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export type RestoreProgress = { rows: number; totalRows: number; files: number; totalFiles: number };
export type RestoreOutcome = { rows: Record<string, number>; files: number };

async function refuseUnlessEmpty(tables: BackupTable[], client: Client): Promise<void> {
  const withContent = await listTablesWithContent(tables, client);
  if (withContent.length > 0) {
    throw new RestoreRefusedError(
      `This site is not empty (it has ${withContent.join(", ")} rows), so the backup was not restored. ` +
        "Restore into a new Docket with an empty database (DOCKET_DEMO_CONTENT=false and a new DATABASE_URL or data folder).",
    );
  }
}

function refuseOtherVersion(header: BackupHeader, applied: string[]): void {
  if (header.migrations.join("\n") === applied.join("\n")) return;
  const unknownToUs = header.migrations.filter((migration) => !applied.includes(migration));
  const theirs = unknownToUs.at(-1) ?? header.migrations.at(-1) ?? "none";
  const ours = applied.at(-1) ?? "none";
  const newer = unknownToUs.length > 0 ? "a newer" : "an older";
  throw new RestoreRefusedError(
    `This backup was made by ${newer} version of Docket (its last database change is ${theirs}; this Docket's is ${ours}). ` +
      "Restore it with the version that made it, then upgrade.",
  );
}

const BATCH_BYTES = 4 * 1024 * 1024;

class TableWriter {
  private batch: string[] = [];
  private batchBytes = 0;
  private insertSql: string;
  private stashSql: string | null = null;

  constructor(
    readonly table: BackupTable,
    private readonly columns: string[],
    private readonly client: Client,
  ) {
    // Self-references go in as NULL and are set once every row of the table is in (a reply may come before its parent).
    const values = columns.map((column) => (table.selfReferences.includes(column) ? "NULL" : `r.${quoted(column)}`));
    this.insertSql = `INSERT INTO ${quoted(table.name)} (${columns.map(quoted).join(", ")}) SELECT ${values.join(", ")} FROM json_populate_recordset(NULL::${quoted(table.name)}, $1::json) r`;
    if (table.selfReferences.length > 0) {
      const kept = [...table.primaryKey, ...table.selfReferences];
      this.stashSql =
        `INSERT INTO docket_restore_references (table_name, row) SELECT '${table.name.replaceAll("'", "''")}', json_build_object(${kept.map((column) => `'${column.replaceAll("'", "''")}', r.${quoted(column)}`).join(", ")}) ` +
        `FROM json_populate_recordset(NULL::${quoted(table.name)}, $1::json) r WHERE ${table.selfReferences.map((column) => `r.${quoted(column)} IS NOT NULL`).join(" OR ")}`;
    }
  }

  async add(row: string) {
    this.batch.push(row);
    this.batchBytes += row.length;
    if (this.batch.length >= BATCH_ROWS || this.batchBytes >= BATCH_BYTES) await this.flush();
  }

  async flush() {
    if (this.batch.length === 0) return;
    const rows = `[${this.batch.join(",")}]`;
    this.batch = [];
    this.batchBytes = 0;
    await refusalsNamed(this.table.name, async () => {
      // Posts, their revisions, bylines and tags go back through the post store, their one writer.
      if (isStoreTable(this.table.name)) await insertStoredRows(this.client, this.table.name, this.columns, rows);
      else await this.client.$executeRawUnsafe(this.insertSql, rows);
      if (this.stashSql) await this.client.$executeRawUnsafe(this.stashSql, rows);
    });
  }

  async setSelfReferences() {
    if (this.table.selfReferences.length === 0) return;
    const key = this.table.primaryKey.map((column) => `t.${quoted(column)} = s.${quoted(column)}`).join(" AND ");
    await refusalsNamed(this.table.name, () =>
      this.client.$executeRawUnsafe(
        `UPDATE ${quoted(this.table.name)} t SET ${this.table.selfReferences.map((column) => `${quoted(column)} = s.${quoted(column)}`).join(", ")} ` +
          `FROM (SELECT (json_populate_record(NULL::${quoted(this.table.name)}, row)).* FROM docket_restore_references WHERE table_name = $1) s WHERE ${key}`,
        this.table.name,
      ),
    );
  }
}

const isStoreTable = (name: string): name is StoreTable => (STORE_TABLES as readonly string[]).includes(name);

/** PostgreSQL's refusal of a restored row, in words naming the table: a backup that breaks its own rules. */
async function refusalsNamed<T>(table: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const cause = error instanceof Prisma.PrismaClientKnownRequestError ? (error.meta?.driverAdapterError as { cause?: { originalCode?: string; originalMessage?: string } } | undefined)?.cause : undefined;
    const code = cause?.originalCode ?? "";
    const constraint = /constraint "([^"]+)"/.exec(cause?.originalMessage ?? "")?.[1];
    const named = constraint ? ` (${constraint})` : "";
    if (code === "23503") throw new BackupFormatError(`A row of ${table} refers to something that is not in the backup${named}: the file is damaged. Nothing was restored.`);
    if (code === "23505") throw new BackupFormatError(`The backup holds two rows of ${table} with the same key${named}: the file is damaged. Nothing was restored.`);
    if (code.startsWith("22") || code.startsWith("23")) throw new BackupFormatError(`A row of ${table} holds a value the database refuses (${cause?.originalMessage}): the file is damaged. Nothing was restored.`);
    throw error;
  }
}

/** Moves every sequence (serial or identity column) past the highest value restored. */
async function advanceSequences(client: Client) {
  const sequences = await client.$queryRaw<{ table_name: string; column_name: string; sequence: string }[]>`
    SELECT c.relname AS table_name, a.attname AS column_name, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS sequence
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`;
  for (const { table_name, column_name, sequence } of sequences) {
    await client.$executeRawUnsafe(
      `SELECT setval($1::regclass, coalesce((SELECT max(${quoted(column_name)}) FROM ${quoted(table_name)}), 0) + 1, false)`,
      sequence,
    );
  }
}

/** What the check of a backup found (see checkBackupRecords): the totals a restore reports progress against. */
export type CheckedBackup = { header: BackupHeader; totalRows: number; totalFiles: number };

/**
 * Reads a backup through once, writing nothing: refuses (RestoreRefusedError) another schema version,
 * and (BackupFormatError) a file that is damaged, cut short or altered, a row that does not fit its
 * table, or a file outside the uploads folder. With the storage it would restore into, also a site with
 * content, and an uploaded file that differs from the backup's; without (a check only), neither.
 */
export async function checkBackupRecords(
  header: BackupHeader,
  records: AsyncGenerator<BackupRecord, BackupManifest>,
  storage: FileStorage | null,
): Promise<CheckedBackup> {
  refuseOtherVersion(header, await listAppliedMigrations());
  const tables = new Map((await listBackupTables()).map((table) => [table.name, table]));
  if (storage) await refuseUnlessEmpty([...tables.values()], db());
  const keys = new Set<string>();
  const schemas = new Map<string, z.ZodType<Record<string, unknown>>>();
  for (let step = await records.next(); ; step = await records.next()) {
    if (step.done) {
      const totalRows = Object.values(step.value.counts).reduce((sum, count) => sum + count, 0);
      return { header, totalRows, totalFiles: step.value.files };
    }
    const record = step.value;
    if (record.kind === "file") {
      if (keys.has(record.key)) throw new BackupFormatError(`The backup holds the file ${record.key} twice (line ${record.line}): the file is damaged.`);
      keys.add(record.key);
      const existing = await storage?.get(record.key);
      if (existing && !existing.bytes.equals(record.bytes)) throw new RestoreRefusedError(differentFileMessage(record.key));
      continue;
    }
    if (!tables.has(record.table)) throw new RestoreRefusedError(`This Docket has no ${record.table} table (line ${record.line}): the backup was made by another version.`);
    let schema = schemas.get(record.table);
    if (!schema) {
      schema = rowSchemaFor(await listColumns(record.table));
      schemas.set(record.table, schema);
    }
    const row: unknown = JSON.parse(record.row);
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new BackupFormatError(`Line ${record.line} of the backup, a row of ${record.table}, cannot be restored: ${describeRowProblem(parsed.error, row)}. Nothing was restored.`);
  }
}

function differentFileMessage(key: string): string {
  return `The uploads folder already has a different file at ${key}: restore into an empty uploads folder. Nothing was restored.`;
}

/**
 * Restores a backup's records into this site, in one transaction: refuses (RestoreRefusedError) a site with
 * content or another schema version, clears the people and bookkeeping tables a new site may have, inserts
 * every row, then writes the files. Run checkBackupRecords over the same file first: this finds only what
 * the database itself refuses. The files it wrote are removed again when the transaction does not commit.
 */
export async function restoreBackupRecords(
  checked: CheckedBackup,
  records: AsyncIterable<BackupRecord>,
  storage: FileStorage,
  onProgress?: (progress: RestoreProgress) => void,
): Promise<RestoreOutcome> {
  const { header, totalRows, totalFiles } = checked;
  const writtenFiles: string[] = [];
  try {
    return await db().$transaction(
      async (client) => {
        refuseOtherVersion(header, await listAppliedMigrations(client));
        const tables = await listBackupTables(client);
        const byName = new Map(tables.map((table) => [table.name, table]));
        await refuseUnlessEmpty(tables, client);

        for (const table of [...tables].reverse()) {
          if (REPLACED_BY_RESTORE.has(table.name)) await client.$executeRawUnsafe(`DELETE FROM ${quoted(table.name)}`);
        }
        await client.$executeRawUnsafe("CREATE TEMPORARY TABLE docket_restore_references (table_name text NOT NULL, row json NOT NULL) ON COMMIT DROP");

        const restored: Record<string, number> = {};
        const written: TableWriter[] = [];
        let writer: TableWriter | null = null;
        let rows = 0;
        let files = 0;
        const report = () => onProgress?.({ rows, totalRows, files, totalFiles });
        for await (const record of records) {
          if (record.kind === "row") {
            if (writer?.table.name !== record.table) {
              await writer?.flush();
              const table = byName.get(record.table);
              if (!table) throw new RestoreRefusedError(`This Docket has no ${record.table} table: the backup was made by another version.`);
              writer = new TableWriter(table, (await listColumns(table.name, client)).map((column) => column.name), client);
              written.push(writer);
            }
            await writer.add(record.row);
            restored[record.table] = (restored[record.table] ?? 0) + 1;
            rows += 1;
            if (rows % 1000 === 0) report();
            continue;
          }
          if (writer) {
            await writer.flush();
            for (const each of written) await each.setSelfReferences();
            writer = null;
          }
          if (await putFile(storage, record.key, record.bytes, record.contentType)) writtenFiles.push(record.key);
          files += 1;
          report();
        }
        if (writer) {
          await writer.flush();
          for (const each of written) await each.setSelfReferences();
        }
        await advanceSequences(client);
        report();
        return { rows: restored, files };
      },
      { timeout: 24 * 60 * 60 * 1000, maxWait: 30_000 },
    );
  } catch (error) {
    // Nothing of a failed restore stays: the database rolled back, and the files it wrote go too.
    for (const key of writtenFiles) await storage.delete(key).catch(() => {});
    throw error;
  }
}

/** Writes a restored file; one already there with the same bytes is fine (false: nothing written), a different one is refused. */
async function putFile(storage: FileStorage, key: string, bytes: Buffer, contentType: string): Promise<boolean> {
  try {
    await storage.put(key, bytes, contentType);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const existing = await storage.get(key);
    if (!existing?.bytes.equals(bytes)) throw new RestoreRefusedError(differentFileMessage(key));
    return false;
  }
}
