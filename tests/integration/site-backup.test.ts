// The whole-site backup: demo site → backup file → empty database gives the same site, table by table
// (counts and a hash of every row), with its uploads; and the refusals that keep a restore from harming a site.
import { createHash } from "node:crypto";
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
import { checkSiteBackupFile, restoreSiteBackupFile, writeSiteBackupFile } from "@/features/backup/site-backup";
import { db } from "@/lib/db";
import { LocalFileStorage } from "@/lib/storage";
import { readBackupText, resealed, writeBackupText as writeBackupFile, writeEndlessLineBackup } from "../helpers/backup-files";
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
    const document = JSON.parse(text) as {
      docketBackup: { version: number };
      rows: [string, unknown][];
      files: { key: string; bytes: number; base64: string[] }[];
      manifest: { counts: Record<string, number>; files: number; sha256: string };
    };
    expect(document.docketBackup.version).toBe(2);
    expect(document.manifest.counts).toEqual(Object.fromEntries(Object.entries(sourceState.counts).filter(([, count]) => count > 0)));
    expect(document.manifest.files).toBe(2);
    // The checksum covers every byte before the manifest, as sha256sum would compute it.
    expect(document.manifest.sha256).toBe(createHash("sha256").update(text.slice(0, text.indexOf('"manifest":'))).digest("hex"));
    expect(document.rows).toHaveLength(Object.values(sourceState.counts).reduce((sum, count) => sum + count, 0));
    expect(document.files.map((file) => file.key).sort()).toEqual(["2026/06/0123456789abcdef01234567.png", "documents/annual-report.pdf"]);
    const pdf = document.files.find((file) => file.key === "documents/annual-report.pdf")!;
    expect(Buffer.concat(pdf.base64.map((chunk) => Buffer.from(chunk, "base64")))).toEqual(PDF);
    expect(pdf.bytes).toBe(PDF.length);
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

  it("is checked through without restoring, on a site with content too", async () => {
    await switchToNewDatabase("backup");
    await loadDemoContent(new Date("2026-06-01T09:00:00Z"));
    const checked = await checkSiteBackupFile(backupFile, null);
    expect(checked.totalRows).toBe(Object.values(sourceState.counts).reduce((sum, count) => sum + count, 0));
    expect(checked.totalFiles).toBe(2);
    const cut = await writeBackupText("cut-check", (await backupText()).slice(0, -200));
    await expect(checkSiteBackupFile(cut, null)).rejects.toThrow(/^The backup ends early/);
  });

  it("refuses a backup made by another version of Docket", async () => {
    const { storage } = await newStorage();
    await switchToNewDatabase("backup");
    const text = gunzipSync(await readFile(backupFile)).toString("utf8").replace(/"\]\},\n"rows"/, '","29990101000000_from_the_future"]},\n"rows"');
    const other = path.join(path.dirname(backupFile), "future.json.gz");
    await writeFile(other, gzipSync(text));
    await expect(restoreSiteBackupFile(other, { storage })).rejects.toThrow(/^This backup was made by a newer version of Docket \(its last database change is 29990101000000_from_the_future; this Docket's is \d+_\w+\)\./);
  });

  it("refuses a file cut short, altered or not a backup before writing anything", async () => {
    const { storage } = await newStorage();
    await switchToNewDatabase("backup");
    const whole = await backupText();
    const cut = await writeBackupText("cut", whole.slice(0, Math.floor(whole.length * 0.9)));
    await expect(restoreSiteBackupFile(cut, { storage })).rejects.toThrow(/^The backup ends early: it was cut short/);
    // A comment's text changed, everything else as written: the checksum no longer matches.
    const altered = await writeBackupText("altered", whole.replace('"body":"Second"', '"body":"Sekond"'));
    await expect(restoreSiteBackupFile(altered, { storage })).rejects.toThrow(/^The backup was changed after it was written \(its checksum does not match its manifest\)/);
    await expectNothingRestored(storage);

    const notBackup = path.join(path.dirname(backupFile), "not-a-backup.json.gz");
    await writeFile(notBackup, Buffer.from("plain text, not gzip"));
    await expect(restoreSiteBackupFile(notBackup, { storage })).rejects.toThrow("The backup is not a gzip-compressed Docket backup, or it is damaged.");
  });
});

// ---------- hostile files ----------

const backupText = () => readBackupText(backupFile);
const writeBackupText = (name: string, text: string) => writeBackupFile(path.join(path.dirname(backupFile), `${name}.json.gz`), text);

async function expectNothingRestored(storage: LocalFileStorage) {
  expect(Object.entries((await siteState()).counts).filter(([, count]) => count > 0)).toEqual([]);
  const keys: string[] = [];
  for await (const key of storage.keys()) keys.push(key);
  expect(keys).toEqual([]);
}

const TAG_LINE = /^\["Tag",.*$/m;

describe("a hostile or broken backup file", () => {
  it("is refused line by line at 16 MB, however long the line, holding no more of it", async () => {
    const { storage } = await newStorage();
    await switchToNewDatabase("backup");
    // 40 MB of one line compress to about 40 KB.
    const file = await writeEndlessLineBackup(path.join(path.dirname(backupFile), "long-line.json.gz"), (await backupText()).split("\n")[0], 40);
    await expect(restoreSiteBackupFile(file, { storage })).rejects.toThrow("Line 3 of the backup is longer than 16 MB, the most a line may hold");
    await expectNothingRestored(storage);
  });

  it.each([
    ["a key leading out of the uploads folder", (text: string) => text.replace('"key":"documents/annual-report.pdf"', '"key":"../../documents/annual-report.pdf"'), /^The backup's file “..\/..\/documents\/annual-report.pdf” \(line \d+\) cannot be restored: it leads outside the uploads folder\.$/],
    ["an absolute key", (text: string) => text.replace('"key":"documents/annual-report.pdf"', '"key":"/etc/cron.d/job.txt"'), /cannot be restored: it leads outside the uploads folder/],
    ["bad base64", (text: string) => text.replace(/"base64":\[\n"[^"]{8}/, '"base64":[\n"%%%%%%%%'), /^The backup's file “[^”]+” holds something that is not base64 at line \d+/],
    ["a file longer than it says", (text: string) => text.replace(`"bytes":${PDF.length},`, `"bytes":${PDF.length - 1},`), /^The backup's file “documents\/annual-report.pdf” is longer than the \d+ bytes its record says/],
    ["a row of the wrong type", (text: string) => text.replace(TAG_LINE, (line) => line.replace(/"name":"[^"]*"/, '"name":5')), /^Line \d+ of the backup, a row of Tag, cannot be restored: its “name” is wrong: it is not/],
    ["a row with a column too many", (text: string) => text.replace(TAG_LINE, (line) => line.replace('"name":', '"owner":"x","name":')), /^Line \d+ of the backup, a row of Tag, cannot be restored: it has a column this Docket does not have \(owner\)/],
    ["a row with an enum value Docket does not have", (text: string) => text.replace(/"status":"APPROVED"/, '"status":"SHOUTED"'), /^Line \d+ of the backup, a row of Comment, cannot be restored: its “status” is wrong: it is not one of /],
    ["a row with NUL in its text", (text: string) => text.replace('"body":"Second"', '"body":"Sec\\u0000ond"'), /its “body” is wrong: it holds a NUL character/],
    ["a reference to a row that is not there", (text: string) => text.replace(/^\["PostTag",\{"postId":"[^"]+"/m, '["PostTag",{"postId":"no-such-post"'), /^A row of PostTag refers to something that is not in the backup \(PostTag_postId_fkey\): the file is damaged\. Nothing was restored\.$/],
    ["the same file twice", (text: string) => text.replace(/\{"key":"documents\/annual-report\.pdf"[\s\S]*?\n\]\}/, (record) => `${record},\n${record}`), /^The backup holds the file documents\/annual-report\.pdf twice \(line \d+\)/],
    ["the same row twice", (text: string) => text.replace(TAG_LINE, (line) => `${line}\n${line}`), /^The backup holds two rows of Tag with the same key \(Tag_pkey\)/],
  ])("is refused with the reason for %s, with nothing written", async (_name, change, reason) => {
    const { storage } = await newStorage();
    await switchToNewDatabase("backup");
    const original = await backupText();
    const changed = change(original);
    expect(changed).not.toBe(original);
    const file = await writeBackupText(
      "hostile",
      resealed(changed, (manifest) => {
        manifest.counts.Tag += changed.match(/^\["Tag",/gm)!.length - original.match(/^\["Tag",/gm)!.length;
        manifest.files += changed.split('{"key":').length - original.split('{"key":').length;
      }),
    );
    const error = await restoreSiteBackupFile(file, { storage }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackupFormatError);
    expect((error as Error).message).toMatch(reason);
    await expectNothingRestored(storage);
  });

  it("is refused when the uploads folder already has a different file of the same name, which stays as it was", async () => {
    const { folder, storage } = await newStorage();
    await switchToNewDatabase("backup");
    const mine = Buffer.from("%PDF-1.4\n% another document\n%%EOF\n");
    await storage.put("documents/annual-report.pdf", mine);
    const error = await restoreSiteBackupFile(backupFile, { storage }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RestoreRefusedError);
    expect((error as Error).message).toBe("The uploads folder already has a different file at documents/annual-report.pdf: restore into an empty uploads folder. Nothing was restored.");
    expect(await readFile(path.join(folder, "documents", "annual-report.pdf"))).toEqual(mine);
    expect(Object.entries((await siteState()).counts).filter(([, count]) => count > 0)).toEqual([]);
  });

  it("takes back the files it wrote when the restore fails after writing some", async () => {
    const { storage } = await newStorage();
    await switchToNewDatabase("backup");
    // A disk that fills up after the first file.
    let puts = 0;
    const failing = Object.assign(Object.create(storage) as LocalFileStorage, {
      put: async (key: string, bytes: Buffer) => {
        if (++puts > 1) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
        return storage.put(key, bytes);
      },
    });
    await expect(restoreSiteBackupFile(backupFile, { storage: failing })).rejects.toThrow("ENOSPC");
    expect(puts).toBe(2);
    await expectNothingRestored(storage);
  });
});

describe("a backup of a real-sized site", () => {
  it("streams 25,000 rows of one table and 2,500 of others, and restores them with the same counts and content", { timeout: 300_000 }, async () => {
    const { storage } = await newStorage();
    await switchToNewDatabase("backup");
    await db().$executeRawUnsafe(`INSERT INTO "Tag" (id, slug, name) SELECT 'tag-' || g, 'tag-' || g, 'Tag ' || g FROM generate_series(1, 25000) g`);
    await db().$executeRawUnsafe(`INSERT INTO "Subscriber" (id, email, status, "updatedAt") SELECT 'sub-' || g, 'reader' || g || '@example.org', 'ACTIVE', now() FROM generate_series(1, 2500) g`);
    await db().$executeRawUnsafe(`INSERT INTO "AuditLog" (id, action, "entityType", "entityId", details) SELECT 'audit-' || g, 'test.row', 'Tag', 'tag-' || g, json_build_object('n', g) FROM generate_series(1, 2500) g`);
    await db().$executeRawUnsafe(`INSERT INTO "Redirect" (id, "fromPath", "targetType", "targetId") SELECT 'redirect-' || g, '/old/' || g, 'TAG', 'tag-' || g FROM generate_series(1, 2500) g`);
    const before = await siteState();
    expect(before.counts).toMatchObject({ Tag: 25_000, Subscriber: 2_500, AuditLog: 2_500, Redirect: 2_500 });
    const file = path.join(path.dirname(backupFile), "large.json.gz");
    const summary = await writeSiteBackupFile(file, storage);
    expect(summary.rows).toEqual(before.counts);

    // Cut short anywhere, it is refused with nothing written.
    const { storage: other } = await newStorage();
    await switchToNewDatabase("backup");
    const whole = gunzipSync(await readFile(file));
    const cut = path.join(path.dirname(backupFile), "large-cut.json.gz");
    await writeFile(cut, gzipSync(whole.subarray(0, Math.floor(whole.length / 2))));
    await expect(restoreSiteBackupFile(cut, { storage: other })).rejects.toThrow(/^The backup ends early/);
    await expectNothingRestored(other);

    const outcome = await restoreSiteBackupFile(file, { storage: other });
    expect(outcome.rows).toEqual(Object.fromEntries(Object.entries(before.counts).filter(([, count]) => count > 0)));
    expect(await siteState()).toEqual(before);
  });
});
