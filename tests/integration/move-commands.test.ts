// The admin's side of moving in and out: the commands behind the Backup and Import pages, run as the
// administrator would run them (the route handlers hand them the request body as a stream).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@/lib/action";
import { InputError } from "@/lib/errors";
import { db } from "@/lib/db";
import { downloadSiteBackup, restoreSiteBackupCommand } from "@/features/backup/commands";
import { startWordPressImport } from "@/features/wordpress/commands";
import { runWordPressImport } from "@/features/wordpress/import/run";
import { createCast, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/wordpress/self-hosted-comments.xml");
const streamOf = (bytes: Buffer) => new Response(new Uint8Array(bytes)).body!;

let cast: Awaited<ReturnType<typeof createCast>>;
let dataDir: string;
beforeAll(async () => {
  dataDir = await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
});

describe("importing from the admin", () => {
  it("keeps the uploaded export in the data folder, opens a run, and the run imports it", async () => {
    const { data } = await runCommand(startWordPressImport, cast.ADMIN, {
      body: streamOf(await readFile(FIXTURE)),
      fileName: "comments.xml",
      options: { dryRun: "0", skipPingbacks: "1", seriesTaxonomy: "" },
    });
    expect(data.location).toBe(`/admin/import/${data.runId}`);
    expect(data.startedById).toBe(cast.ADMIN.id);
    expect(await db().auditLog.count({ where: { action: "wordpress.import.start", entityId: data.runId, actorId: cast.ADMIN.id } })).toBe(1);
    expect(data.file.startsWith(path.join(dataDir, "imports"))).toBe(true);
    expect(data.options).toMatchObject({ dryRun: false, skipPingbacks: true, seriesTaxonomy: "series" });
    expect(await db().importRun.findUniqueOrThrow({ where: { id: data.runId } })).toMatchObject({ status: "RUNNING", source: "comments.xml", startedById: cast.ADMIN.id });

    const outcome = await runWordPressImport(data.file, "comments.xml", data.options, cast.ADMIN.id, data.runId);
    expect(outcome.error).toBeNull();
    const run = await db().importRun.findUniqueOrThrow({ where: { id: data.runId } });
    expect(run.status).toBe("COMPLETED");
    expect((run.report as { counts: { comments: { imported: number; skipped: number } } }).counts.comments).toMatchObject({ imported: 7, skipped: 2 });
    expect(await db().auditLog.count({ where: { entityType: "ImportRun", entityId: data.runId } })).toBe(2);
  });

  it("refuses an empty upload and a category map it cannot read, saying which field", async () => {
    await expect(runCommand(startWordPressImport, cast.ADMIN, { body: streamOf(Buffer.alloc(0)), options: {} })).rejects.toThrow("Choose a WordPress export (.xml) to import.");
    const error = await runCommand(startWordPressImport, cast.ADMIN, { body: streamOf(Buffer.from("<rss/>")), options: { categoryMap: "courts = a = b" } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).fieldErrors.categoryMap).toMatch(/^Line 1 of the category map/);
    const badTaxonomy = await runCommand(startWordPressImport, cast.ADMIN, { body: streamOf(Buffer.from("<rss/>")), options: { seriesTaxonomy: "Not A Name" } }).catch((caught: unknown) => caught);
    expect((badTaxonomy as InputError).fieldErrors.options).toMatch(/series taxonomy/);
  });
});

describe("the backup from the admin", () => {
  it("streams the whole site as a gzip-compressed backup and records who took it", async () => {
    const { data } = await runCommand(downloadSiteBackup, cast.ADMIN, {});
    const document = JSON.parse(gunzipSync(await buffer(data.backup)).toString("utf8")) as { manifest: { counts: Record<string, number> } };
    expect(document.manifest.counts.User).toBe(await db().user.count());
    expect(await db().auditLog.count({ where: { action: "site.backup.download", actorId: cast.ADMIN.id } })).toBe(1);
  });

  it("refuses a restore into a site with content, and a file that is not a backup", async () => {
    await expect(runCommand(restoreSiteBackupCommand, cast.ADMIN, { body: streamOf(Buffer.from("not a backup")) })).rejects.toThrow(InputError);
    const { data } = await runCommand(downloadSiteBackup, cast.ADMIN, {});
    await expect(runCommand(restoreSiteBackupCommand, cast.ADMIN, { body: streamOf(await buffer(data.backup)) })).rejects.toThrow(/^This site is not empty/);
  });
});
