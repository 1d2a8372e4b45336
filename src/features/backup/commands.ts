// The backup as commands (src/lib/action.ts): an administrator downloads the whole site, or restores a
// backup into an empty site. The route handlers (app/admin/backup/download, app/api/backup/restore) run
// these with the signed-in user; they stream, so the input is the body, never the file in memory.
import { holdLivePostsFailingGate } from "@/features/legal/mutations";
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { recordAudit } from "@/lib/audit";
import { tags } from "@/lib/cache-tags";
import { env } from "@/lib/env";
import { InputError } from "@/lib/errors";
import { saveBodyToFile } from "@/lib/request-body";
import { BackupFormatError } from "./backup-file";
import { restoreSiteBackupFile, writeSiteBackup } from "./site-backup";

/** The whole site as a gzip-compressed JSON backup: a stream, written while it is read. */
export const downloadSiteBackup = defineCommand({
  access: "site.backup",
  input: z.object({}),
  // The backup is read (in a repeatable-read transaction of its own) while the download streams.
  transaction: false,
  async run() {
    const backup = new PassThrough();
    writeSiteBackup(backup).catch((error: unknown) => backup.destroy(error as Error));
    return { message: "Backup started.", data: { backup } };
  },
  audit: () => ({ action: "site.backup.download", entityType: "Site", entityId: "backup" }),
});

/** Larger than any site this is meant for; small enough to refuse a runaway upload before it fills the disk. */
export const MAX_BACKUP_UPLOAD_BYTES = 20 * 1024 * 1024 * 1024;

function heldMessage(held: { title: string }[]): string {
  if (held.length === 0) return "";
  const titles = held.slice(0, 5).map((post) => `“${post.title}”`).join(", ");
  return ` ${held.length === 1 ? "One published post was" : `${held.length} published posts were`} put on legal hold because a legal reviewer must clear them first: ${titles}${held.length > 5 ? " and more" : ""} (see the legal desk).`;
}

export const restoreSiteBackupCommand = defineCommand({
  access: "site.backup",
  // The restore streams the upload into a transaction of its own.
  transaction: false,
  input: z.object({ body: z.instanceof(ReadableStream, { message: "Choose a backup file to restore." }), fileName: z.string().trim().max(300).default("backup") }),
  async run({ body, fileName }, actor) {
    // The file is read twice (checked through first, then restored), so it is kept on disk meanwhile.
    const folder = path.resolve(env().DOCKET_DATA_DIR, "restores");
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, `${Date.now()}-${randomBytes(6).toString("hex")}.json.gz`);
    let outcome;
    try {
      await saveBodyToFile(body as ReadableStream<Uint8Array>, file, MAX_BACKUP_UPLOAD_BYTES, {
        tooLarge: `The file is larger than ${MAX_BACKUP_UPLOAD_BYTES / 1024 / 1024 / 1024} GB.`,
        empty: "Choose a backup file to restore.",
      });
      outcome = await restoreSiteBackupFile(file);
    } catch (error) {
      if (error instanceof BackupFormatError) throw new InputError(error.message);
      throw error;
    } finally {
      await rm(file, { force: true });
    }
    const rows = Object.values(outcome.rows).reduce((sum, count) => sum + count, 0);
    // The legal gate after a restore: a published post whose live version a legal reviewer would now have to clear is held.
    const held = await holdLivePostsFailingGate("Restored from a backup published, but its live version needs a legal reviewer's clearance.");
    // The person who restored is no longer a login of this site (the backup's people replaced them): no actor id.
    await recordAudit({ actorId: null, action: "site.backup.restore", entityType: "Site", entityId: "backup", details: { fileName, rows, files: outcome.files, restoredBy: actor.email, heldForLegalReasons: held.map((post) => post.id) } });
    return {
      message: `Restored ${rows.toLocaleString("en-GB")} rows and ${outcome.files} uploaded files.${heldMessage(held)} Sign in again with a login from the backup.`,
      tags: [tags.site],
      data: { rows, files: outcome.files },
    };
  },
});
