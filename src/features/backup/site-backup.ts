// The whole site as one backup file, and back: what `npm run export -- --format docket`, `npm run
// import:docket` and the admin's Backup page use. Written from one consistent snapshot of the database,
// gzip-compressed as it streams; restored in one transaction into an empty site.
import "server-only";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { uploadsStorage } from "@/lib/storage";
import type { FileStorage } from "@/lib/storage-keys";
import { BACKUP_VERSION, backupLines, openBackup, type BackupHeader } from "./backup-file";
import { countTableRows, iterateTableRows, listAppliedMigrations, listBackupTables, readSnapshot } from "./data";
import { restoreBackupRecords, type RestoreOutcome, type RestoreProgress } from "./mutations";

export type BackupSummary = { rows: Record<string, number>; files: number };

async function listStoredFiles(storage: FileStorage): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of storage.keys()) keys.push(key);
  return keys.sort();
}

/**
 * Writes the backup, gzip-compressed, to `output`, waiting for it to take each part (a slow download holds
 * the reading back, not the memory). Resolves when the last byte is written.
 */
export async function writeSiteBackup(output: Writable, storage: FileStorage = uploadsStorage()): Promise<BackupSummary> {
  const gzip = createGzip();
  const piped = pipeline(gzip, output);
  const summary = await readSnapshot(async (client) => {
    const tables = await listBackupTables(client);
    const counts = await countTableRows(tables, client);
    const keys = await listStoredFiles(storage);
    const header: BackupHeader = {
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      migrations: await listAppliedMigrations(client),
      counts,
      files: keys.length,
    };
    async function* rows() {
      for (const table of tables) for await (const row of iterateTableRows(table, client)) yield { table: table.name, row };
    }
    async function* files() {
      for (const key of keys) {
        const file = await storage.get(key);
        if (!file) throw new Error(`The uploaded file ${key} disappeared while the backup was written: write it again.`);
        yield { key, contentType: file.contentType, bytes: file.bytes };
      }
    }
    for await (const line of backupLines(header, rows(), files())) {
      if (!gzip.write(line)) await Promise.race([once(gzip, "drain"), piped]);
    }
    return { rows: counts, files: keys.length };
  }).catch((error: unknown) => {
    gzip.destroy(error as Error);
    throw error;
  });
  gzip.end();
  await piped;
  return summary;
}

export async function writeSiteBackupFile(path: string, storage: FileStorage = uploadsStorage()): Promise<BackupSummary> {
  return writeSiteBackup(createWriteStream(path), storage);
}

/** Restores a backup (its gzip-compressed bytes) into this empty site. See restoreBackupRecords. */
export async function restoreSiteBackup(
  source: Readable | AsyncIterable<Uint8Array>,
  options: { storage?: FileStorage; onProgress?: (progress: RestoreProgress) => void } = {},
): Promise<RestoreOutcome> {
  const { header, records } = await openBackup(source);
  return restoreBackupRecords(header, records, options.storage ?? uploadsStorage(), options.onProgress);
}

export async function restoreSiteBackupFile(
  path: string,
  options: { storage?: FileStorage; onProgress?: (progress: RestoreProgress) => void } = {},
): Promise<RestoreOutcome> {
  return restoreSiteBackup(createReadStream(path), options);
}
