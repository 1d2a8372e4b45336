// The backup as commands (src/lib/action.ts): an administrator downloads the whole site, or restores a
// backup into an empty site. The route handlers (app/admin/backup/download, app/api/backup/restore) run
// these with the signed-in user; they stream, so the input is the body, never the file in memory.
import "server-only";
import { PassThrough, Readable } from "node:stream";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { recordAudit } from "@/lib/audit";
import { tags } from "@/lib/cache-tags";
import { InputError } from "@/lib/errors";
import { BackupFormatError } from "./backup-file";
import { restoreSiteBackup, writeSiteBackup } from "./site-backup";

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

export const restoreSiteBackupCommand = defineCommand({
  access: "site.backup",
  // The restore streams the upload into a transaction of its own.
  transaction: false,
  input: z.object({ body: z.instanceof(ReadableStream, { message: "Choose a backup file to restore." }), fileName: z.string().trim().max(300).default("backup") }),
  async run({ body, fileName }, actor) {
    let outcome;
    try {
      outcome = await restoreSiteBackup(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>));
    } catch (error) {
      if (error instanceof BackupFormatError) throw new InputError(error.message);
      throw error;
    }
    const rows = Object.values(outcome.rows).reduce((sum, count) => sum + count, 0);
    // The person who restored is no longer a login of this site (the backup's people replaced them): no actor id.
    await recordAudit({ actorId: null, action: "site.backup.restore", entityType: "Site", entityId: "backup", details: { fileName, rows, files: outcome.files, restoredBy: actor.email } });
    return {
      message: `Restored ${rows.toLocaleString("en-GB")} rows and ${outcome.files} uploaded files. Sign in again with a login from the backup.`,
      tags: [tags.site],
      data: { rows, files: outcome.files },
    };
  },
});
