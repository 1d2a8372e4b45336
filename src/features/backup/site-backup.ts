// The whole site as one backup file, and back: what `npm run export -- --format docket`, `npm run
// import:docket` and the admin's Backup page use. Written from one consistent snapshot of the database,
// gzip-compressed as it streams; restored in one transaction into an empty site.
import "server-only";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { tags } from "@/lib/cache-tags";
import { invalidateTags } from "@/lib/revalidate";
import { uploadsStorage } from "@/lib/storage";
import type { FileStorage } from "@/lib/storage-keys";
import { BACKUP_VERSION, backupLines, openBackup, type BackupHeader } from "./backup-file";
import { iterateTableRows, listAppliedMigrations, listBackupTables, readSnapshot } from "./data";
import { checkBackupRecords, restoreBackupRecords, type CheckedBackup, type RestoreOutcome, type RestoreProgress } from "./mutations";

export type BackupSummary = { rows: Record<string, number>; files: number };

async function listStoredFiles(storage: FileStorage): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of storage.keys()) keys.push(key);
  return keys.sort();
}

/**
 * Writes the backup, gzip-compressed, to `output`, waiting for it to take each part (a slow download holds
 * the reading back, not the memory). Resolves when the last byte is written; a failure part-way leaves the
 * output without its manifest, which a restore refuses.
 */
export async function writeSiteBackup(output: Writable, storage: FileStorage = uploadsStorage()): Promise<BackupSummary> {
  const gzip = createGzip();
  const piped = pipeline(gzip, output);
  const summary = await readSnapshot(async (client) => {
    const tables = await listBackupTables(client);
    const keys = await listStoredFiles(storage);
    const header: BackupHeader = { version: BACKUP_VERSION, createdAt: new Date().toISOString(), migrations: await listAppliedMigrations(client) };
    const counts: Record<string, number> = {};
    async function* rows() {
      for (const table of tables) {
        counts[table.name] = 0;
        for await (const row of iterateTableRows(table, client)) {
          counts[table.name] += 1;
          yield { table: table.name, row };
        }
      }
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

/** Writes the backup to a file; a failure part-way removes what was written. */
export async function writeSiteBackupFile(path: string, storage: FileStorage = uploadsStorage()): Promise<BackupSummary> {
  try {
    return await writeSiteBackup(createWriteStream(path), storage);
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

export type RestoreOptions = { storage?: FileStorage; onProgress?: (progress: RestoreProgress) => void };

/**
 * Checks a backup file through (damaged, cut short, altered, or a row or file that cannot be restored: refused
 * with nothing written), then restores it into this empty site in one transaction, and expires every
 * reader page cached by any web process.
 */
export async function restoreSiteBackupFile(path: string, options: RestoreOptions = {}): Promise<RestoreOutcome> {
  const storage = options.storage ?? uploadsStorage();
  const checked = await checkSiteBackupFile(path, storage);
  const { records } = await openBackup(createReadStream(path));
  const outcome = await restoreBackupRecords(checked, records, storage, options.onProgress);
  await invalidateTags([tags.site]);
  return outcome;
}

/**
 * Reads a backup file through and checks everything a restore into `storage` would, writing nothing (see
 * checkBackupRecords); with `null`, whether the file could be restored into an empty site of this version.
 */
export async function checkSiteBackupFile(path: string, storage: FileStorage | null): Promise<CheckedBackup> {
  const { header, records } = await openBackup(createReadStream(path));
  try {
    return await checkBackupRecords(header, records, storage);
  } finally {
    await records.return(undefined as never);
  }
}
