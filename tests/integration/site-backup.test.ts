// The whole-site backup: demo site → backup file → empty database gives the same site, table by table
// (counts and a hash of every row), with its uploads; and the refusals that keep a restore from harming a site.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { loadDemoContent } from "@/features/demo-content/mutations";
import { countTableRows, hashTableContents, listBackupTables, TABLES_LEFT_OUT } from "@/features/backup/data";
import { BackupFormatError } from "@/features/backup/backup-file";
import { RestoreRefusedError } from "@/features/backup/mutations";
import { restoreSiteBackupFile, writeSiteBackupFile } from "@/features/backup/site-backup";
import { db } from "@/lib/db";
import { LocalFileStorage } from "@/lib/storage";
import { switchToNewDatabase } from "../helpers/database";

const SECRET = "test-secret-test-secret-test-secret-0123456789";

/** A new, empty uploads folder. */
async function newStorage(): Promise<{ folder: string; storage: LocalFileStorage }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "docket-backup-uploads-"));
  return { folder, storage: new LocalFileStorage(folder) };
}

async function siteState() {
  const tables = await listBackupTables();
  return { counts: await countTableRows(tables), hashes: await hashTableContents(tables) };
}

let sourceState: Awaited<ReturnType<typeof siteState>>;
let backupFile: string;
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const PDF = Buffer.from("%PDF-1.4\n% a test document\n%%EOF\n");

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = SECRET;
  const { storage } = await newStorage();
  await switchToNewDatabase("backup");
  await loadDemoContent(new Date("2026-06-01T09:00:00Z"));
  await storage.put("2026/06/0123456789abcdef01234567.png", PNG);
  await storage.put("documents/annual-report.pdf", PDF);
  await db().mediaAsset.create({ data: { path: "/uploads/2026/06/0123456789abcdef01234567.png", mimeType: "image/png", width: 1, height: 1, bytes: PNG.length } });
  // A reply written before its parent's row in key order: the restore must not depend on the order.
  const post = await db().post.findFirstOrThrow({ where: { status: "PUBLISHED" }, select: { id: true } });
  const parent = await db().comment.create({ data: { id: "zzzz-parent", postId: post.id, authorName: "Parent", authorEmail: "p@example.org", body: "First", status: "APPROVED" } });
  await db().comment.create({ data: { id: "aaaa-reply", postId: post.id, parentId: parent.id, authorName: "Reply", authorEmail: "r@example.org", body: "Second", status: "APPROVED" } });
  // Live secrets that a backup leaves out.
  const user = await db().user.findFirstOrThrow({ select: { id: true } });
  await db().session.create({ data: { sessionToken: "secret-session-token", userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
  await db().verificationToken.create({ data: { identifier: "someone@example.org", token: "secret-sign-in-token", expires: new Date(Date.now() + 86_400_000) } });

  sourceState = await siteState();
  backupFile = path.join(await mkdtemp(path.join(os.tmpdir(), "docket-backup-file-")), "site.json.gz");
  await writeSiteBackupFile(backupFile, storage);
});

afterAll(async () => {
  await db().$disconnect();
});

describe("a Docket backup", () => {
  it("covers the table of every Prisma model but the live secrets and counters", async () => {
    const names = (await listBackupTables()).map((table) => table.name).sort();
    expect(names).toEqual(Object.values(Prisma.ModelName).filter((name) => !TABLES_LEFT_OUT.has(name)).sort());
    expect([...TABLES_LEFT_OUT].sort()).toEqual(["CacheTag", "RateLimitCounter", "Session", "SharedSetting", "VerificationToken"]);
  });

  it("is one JSON document, gzip-compressed, with the site's rows and files and no sign-in secrets", async () => {
    const text = gunzipSync(await readFile(backupFile)).toString("utf8");
    const document = JSON.parse(text) as { docketBackup: { counts: Record<string, number>; files: number }; rows: [string, unknown][]; files: { key: string }[] };
    expect(document.docketBackup.counts.Post).toBe(sourceState.counts.Post);
    expect(document.rows).toHaveLength(Object.values(sourceState.counts).reduce((sum, count) => sum + count, 0));
    expect(document.files.map((file) => file.key).sort()).toEqual(["2026/06/0123456789abcdef01234567.png", "documents/annual-report.pdf"]);
    expect(text).not.toContain("secret-session-token");
    expect(text).not.toContain("secret-sign-in-token");
    // Subscribers keep their consent record.
    expect(document.rows.filter(([table]) => table === "Subscriber").every(([, row]) => "consentNote" in (row as object) && "confirmedAt" in (row as object))).toBe(true);
  });

  it("restores into an empty database as the same site: every table's count and content, and the files", async () => {
    const { folder, storage } = await newStorage();
    await switchToNewDatabase("backup");
    // A new Docket may already have its first administrator: the backup's people replace them.
    await db().user.create({ data: { email: "new-admin@example.org", role: "ADMIN" } });
    const outcome = await restoreSiteBackupFile(backupFile, { storage });
    expect(outcome.files).toBe(2);
    const restored = await siteState();
    expect(restored.counts).toEqual(sourceState.counts);
    expect(restored.hashes).toEqual(sourceState.hashes);
    expect(await db().user.count({ where: { email: "new-admin@example.org" } })).toBe(0);
    expect(await readFile(path.join(folder, "documents", "annual-report.pdf"))).toEqual(PDF);
    expect((await storage.get("2026/06/0123456789abcdef01234567.png"))?.bytes).toEqual(PNG);
    // The reply's parent is set although the reply came first.
    expect(await db().comment.findUnique({ where: { id: "aaaa-reply" }, select: { parentId: true } })).toEqual({ parentId: "zzzz-parent" });
    // Search still works: the search documents came back with the rows.
    const [{ found }] = await db().$queryRaw<{ found: bigint }[]>`SELECT count(*) AS found FROM "Post" WHERE "searchVector" IS NOT NULL`;
    expect(Number(found)).toBe(sourceState.counts.Post);
  });

  it("refuses a site that has content, and changes nothing", async () => {
    const { storage } = await newStorage();
    await switchToNewDatabase("backup");
    await db().tag.create({ data: { slug: "already-here", name: "Already here" } });
    const before = await siteState();
    const error = await restoreSiteBackupFile(backupFile, { storage }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RestoreRefusedError);
    expect((error as Error).message).toMatch(/^This site is not empty \(it has Tag rows\), so the backup was not restored\./);
    expect(await siteState()).toEqual(before);
  });

  it("refuses a backup made by another version of Docket", async () => {
    const { storage } = await newStorage();
    await switchToNewDatabase("backup");
    const text = gunzipSync(await readFile(backupFile)).toString("utf8").replace('"],"counts"', '","29990101000000_from_the_future"],"counts"');
    const other = path.join(path.dirname(backupFile), "future.json.gz");
    await writeFile(other, gzipSync(text));
    await expect(restoreSiteBackupFile(other, { storage })).rejects.toThrow(/^This backup was made by a newer version of Docket \(its last database change is 29990101000000_from_the_future; this Docket's is \d+_\w+\)\./);
  });

  it("rolls back a restore that finds the file cut short, and refuses what is not a backup", async () => {
    const { storage } = await newStorage();
    await switchToNewDatabase("backup");
    const whole = gunzipSync(await readFile(backupFile)).toString("utf8");
    const cut = path.join(path.dirname(backupFile), "cut.json.gz");
    await writeFile(cut, gzipSync(whole.slice(0, Math.floor(whole.length * 0.9))));
    const error = await restoreSiteBackupFile(cut, { storage }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackupFormatError);
    expect(Object.values((await siteState()).counts).every((count) => count === 0)).toBe(true);

    const notBackup = path.join(path.dirname(backupFile), "not-a-backup.json.gz");
    await writeFile(notBackup, Buffer.from("plain text, not gzip"));
    await expect(restoreSiteBackupFile(notBackup, { storage })).rejects.toThrow("The backup is not a gzip-compressed Docket backup, or it is damaged.");
  });
});
