// Backup and restore through the web, as an administrator does it (issue #26), while readers keep
// reading. The browser tests' site is backed up from /admin/backup/download and restored into a new,
// empty site served by two web processes of its own:
// - each hostile or damaged file is refused with a 400 and its reason (a 587 KB gzip of one 576 MiB
//   line, a key leading out of the uploads folder, bad base64, a row of the wrong type, a broken
//   reference, a row twice, a file cut short, a file name header that is not percent-encoding), the
//   database and uploads unchanged, while reader pages go on answering, each within a deadline;
// - the real file restores, and the next request to each process shows the restored site (the cache
//   was expired in every process), and so does a restore with `npm run import:docket`;
// - hostile WordPress exports sent to /api/wordpress/import are refused or reported, writing nothing,
//   while the site goes on answering.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { prepareDatabase, projectRoot } from "../../scripts/lib/services";
import { readBackupText, resealed, writeBackupText, writeEndlessLineBackup } from "../helpers/backup-files";
import { baseUrl, connectToTestDatabase, e2eDatabaseUrl, e2eDataDir, sessionCookieFor } from "../helpers/e2e";
import { startExtraWebServer, type ExtraWebServer } from "../helpers/extra-web-server";
import { createDatabaseIfMissing } from "@/lib/embedded-postgres";


let folder: string;
let backupFile: string;
let targetUrl: string;
let targetDataDir: string;
let processes: ExtraWebServer[] = [];
let adminCookie: string;
let sourceAdminCookie: string;
/** The newest post's title in the browser tests' site, which the backup holds. */
let sourceTitle: string;

function databaseUrl(name: string): string {
  const url = new URL(e2eDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Rows in the site's tables that hold content, and the files in its uploads folder. */
async function contentOfTarget() {
  const [{ posts, comments, tags }] = await query<{ posts: string; comments: string; tags: string }>(
    targetUrl,
    `SELECT (SELECT count(*) FROM "Post") AS posts, (SELECT count(*) FROM "Comment") AS comments, (SELECT count(*) FROM "Tag") AS tags`,
  );
  const uploads = await readdir(path.join(targetDataDir, "uploads"), { recursive: true }).catch(() => []);
  return { posts: Number(posts), comments: Number(comments), tags: Number(tags), uploads: uploads.length };
}

/** Reads reader pages from `site` over and over until `work` is done: every one must be answered. */
async function whileReadersRead<T>(site: string, work: () => Promise<T>): Promise<T> {
  let done = false;
  let answered = 0;
  const reading = (async () => {
    while (!done) {
      for (const pathname of ["/", "/series", "/feed.xml"]) {
        const answer = await fetch(`${site}${pathname}`);
        await answer.arrayBuffer();
        expect(answer.status, pathname).toBe(200);
        answered += 1;
      }
    }
  })();
  try {
    return await work();
  } finally {
    done = true;
    await reading;
    expect(answered, "reader requests answered meanwhile").toBeGreaterThan(0);
  }
}

async function restoreThroughWeb(site: string, file: string, fileName = "backup.json.gz") {
  const answer = await fetch(`${site}/api/backup/restore`, {
    method: "POST",
    body: await readFile(file),
    headers: { cookie: adminCookie, "content-type": "application/gzip", "x-file-name": fileName },
  });
  return { status: answer.status, body: (await answer.json()) as { message?: string; error?: string } };
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "docket-restore-e2e-"));
  const source = await connectToTestDatabase();
  try {
    const cookie = await sessionCookieFor(source, "ADMIN");
    sourceAdminCookie = `${cookie.name}=${cookie.value}`;
    sourceTitle = (await source.query<{ title: string }>(`SELECT title FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`)).rows[0].title;
  } finally {
    await source.end();
  }
  // An uploaded image and document, so the backup has files to restore (and to tamper with).
  const uploads = path.join(e2eDataDir(), "uploads");
  await mkdir(path.join(uploads, "2026", "06"), { recursive: true });
  await mkdir(path.join(uploads, "documents"), { recursive: true });
  await writeFile(path.join(uploads, "2026", "06", "0123456789abcdef01234567.png"), Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"));
  await writeFile(path.join(uploads, "documents", "restore-test.pdf"), Buffer.from("%PDF-1.4\n% a test document\n%%EOF\n"));
  const download = await fetch(`${baseUrl()}/admin/backup/download`, { headers: { cookie: sourceAdminCookie } });
  expect(download.status).toBe(200);
  backupFile = path.join(folder, "site.json.gz");
  await writeFile(backupFile, Buffer.from(await download.arrayBuffer()));

  const name = `restore_${Date.now()}`;
  await createDatabaseIfMissing(databaseUrl("postgres"), name, "docket_template");
  targetUrl = databaseUrl(name);
  await prepareDatabase(targetUrl, { demoContent: false });
  targetDataDir = path.join(folder, "data");
  await mkdir(path.join(targetDataDir, "logs"), { recursive: true });
  processes = await Promise.all([0, 1].map(() => startExtraWebServer({ DATABASE_URL: targetUrl, DOCKET_DATA_DIR: targetDataDir })));
  const [admin] = await query<{ id: string }>(targetUrl, `INSERT INTO "User" (id, email, role, "updatedAt") VALUES ('restorer', 'restorer@docket.localhost', 'ADMIN', now()) RETURNING id`);
  const token = `restore-${Date.now()}`;
  await query(targetUrl, `INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $1, $2, now() + interval '1 hour')`, [token, admin.id]);
  adminCookie = `next-auth.session-token=${token}`;
}, 300_000);

afterAll(async () => {
  await Promise.all(processes.map((server) => server.stop()));
  await rm(folder, { recursive: true, force: true });
});

describe("restoring a backup from the admin", () => {
  it("refuses each hostile or damaged file with its reason, writing nothing, while readers keep reading", async () => {
    const [first] = processes;
    expect((await fetch(`${first.url}/`)).status).toBe(200);
    const text = await readBackupText(backupFile);
    const file = (name: string, body: string) => {
      expect(body, name).not.toBe(text);
      return writeBackupText(path.join(folder, `${name}.json.gz`), body);
    };
    const tagLine = /^\["Tag",.*$/m;
    const cases: [string, () => Promise<string>, RegExp, string?][] = [
      ["one 576 MiB line", () => writeEndlessLineBackup(path.join(folder, "bomb.json.gz"), text.split("\n")[0], 576), /^Line 3 of the backup is longer than 16 MB/],
      ["a key out of the uploads folder", () => file("traversal", resealed(text.replace(/^\{"key":"([^"]+)"/m, '{"key":"../../$1"'))), /leads outside the uploads folder/],
      ["bad base64", () => file("base64", resealed(text.replace(/"base64":\[\n"[^"]{8}/, '"base64":[\n"%%%%%%%%'))), /holds something that is not base64/],
      ["a row of the wrong type", () => file("type", resealed(text.replace(tagLine, (line) => line.replace(/"name":"[^"]*"/, '"name":[1]')))), /a row of Tag, cannot be restored: its “name” is wrong/],
      ["a broken reference", () => file("reference", resealed(text.replace(/^\["PostTag",\{"postId":"[^"]+"/m, '["PostTag",{"postId":"no-such-post"'))), /^A row of PostTag refers to something that is not in the backup/],
      ["a row twice", () => file("twice", resealed(text.replace(tagLine, (line) => `${line}\n${line}`), (manifest) => (manifest.counts.Tag += 1))), /two rows of Tag with the same key/],
      ["a file cut short", () => file("cut", text.slice(0, Math.floor(text.length * 0.7))), /^The backup ends early/],
      ["a file name that is not percent-encoding", async () => backupFile, /^The x-file-name header is not valid percent-encoding/, "%E0%A4%A"],
    ];
    const before = await contentOfTarget();
    expect(before).toEqual({ posts: 0, comments: 0, tags: 0, uploads: 0 });
    await whileReadersRead(first.url, async () => {
      for (const [name, make, reason, fileName] of cases) {
        const answer = await restoreThroughWeb(first.url, await make(), fileName);
        expect(answer.status, name).toBe(400);
        expect(answer.body.error, name).toMatch(reason);
        expect(await contentOfTarget(), name).toEqual(before);
      }
    });
  });

  it("restores the real file, and the next request to each web process shows the restored site", async () => {
    // A title no page of the build or of either process has shown: what each shows after comes from the restore.
    const retitled = path.join(folder, "retitled.json.gz");
    await writeBackupText(retitled, resealed((await readBackupText(backupFile)).replaceAll(`"title":${JSON.stringify(sourceTitle)}`, '"title":"Restored through the admin"')));
    for (const server of processes) expect(await (await fetch(`${server.url}/`)).text()).not.toContain("Restored through the admin");
    const answer = await restoreThroughWeb(processes[0].url, retitled);
    expect(answer.status).toBe(200);
    expect((await contentOfTarget()).uploads).toBeGreaterThanOrEqual(2);
    expect(answer.body.message).toMatch(/^Restored [\d,]+ rows and \d+ uploaded files\./);
    // The process that restored expired its cache itself; the other hears of it through PostgreSQL at once.
    for (const server of processes) await expect.poll(async () => (await fetch(`${server.url}/`)).text(), { timeout: 10_000 }).toContain("Restored through the admin");
  });

  it("shows a restore from the command line on the next request to each web process too", async () => {
    // Emptied again without a word to the web processes: they still show the earlier restore.
    const tables = (await query<{ name: string }>(targetUrl, `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('_prisma_migrations', 'CacheTag', 'SharedSetting')`)).map((row) => `"${row.name}"`);
    await query(targetUrl, `TRUNCATE ${tables.join(", ")} CASCADE`);
    await rm(path.join(targetDataDir, "uploads"), { recursive: true, force: true });
    const renamed = path.join(folder, "renamed.json.gz");
    await writeBackupText(renamed, resealed((await readBackupText(backupFile)).replaceAll(`"title":${JSON.stringify(sourceTitle)}`, '"title":"Restored from the command line"')));
    const command = spawn(path.join(projectRoot, "node_modules/.bin/node"), ["--disable-warning=ExperimentalWarning", "--import", "./scripts/register.mjs", "scripts/import-docket.ts", renamed, "--quiet"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: targetUrl, DOCKET_DATA_DIR: targetDataDir, NEXTAUTH_SECRET: inject("nextauthSecret") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    command.stdout.on("data", (chunk) => (output += chunk));
    command.stderr.on("data", (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => command.once("exit", resolve));
    expect(code, output).toBe(0);
    expect(output).toMatch(/^Restored [\d,]+ rows in \d+ tables/m);
    for (const server of processes) await expect.poll(async () => (await fetch(`${server.url}/`)).text(), { timeout: 10_000 }).toContain("Restored from the command line");
  });
});

describe("importing a hostile WordPress export from the admin", () => {
  async function importThroughWeb(body: Uint8Array | string, headers: Record<string, string> = {}) {
    const answer = await fetch(`${baseUrl()}/api/wordpress/import?dryRun=0`, { method: "POST", body: typeof body === "string" ? body : new Uint8Array(body), headers: { cookie: sourceAdminCookie, "x-file-name": "export.xml", ...headers } });
    return { status: answer.status, body: (await answer.json()) as { runId?: string; error?: string } };
  }

  async function finishedRun(runId: string) {
    const client = await connectToTestDatabase();
    try {
      for (let attempt = 0; attempt < 240; attempt++) {
        const { rows } = await client.query<{ status: string; error: string | null; report: { problems: string[] } | null }>(`SELECT status, error, report FROM "ImportRun" WHERE id = $1`, [runId]);
        if (rows[0] && rows[0].status !== "RUNNING") return rows[0];
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error(`run ${runId} did not finish`);
    } finally {
      await client.end();
    }
  }

  async function postCount() {
    const client = await connectToTestDatabase();
    try {
      return Number((await client.query<{ count: string }>(`SELECT count(*) AS count FROM "Post"`)).rows[0].count);
    } finally {
      await client.end();
    }
  }

  const head = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Hostile</title><link>https://hostile.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://hostile.example</wp:base_blog_url>`;

  it("refuses or reports each, writing nothing, while readers keep reading", async () => {
    const before = await postCount();
    await whileReadersRead(baseUrl(), async () => {
      const huge = Buffer.concat([Buffer.from(`${head}<item><title>Huge</title><content:encoded><![CDATA[`), Buffer.alloc(50 * 1024 * 1024, "a"), Buffer.from(`]]></content:encoded><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item></channel></rss>`)]);
      const hugeRun = await importThroughWeb(huge);
      expect(hugeRun.status).toBe(202);
      expect((await finishedRun(hugeRun.body.runId!)).report!.problems.join("\n")).toMatch(/its content is 52\.4 MB, more than the 1\.0 MB Docket reads of one value/);

      const depth = 200_000;
      const deep = await importThroughWeb(`${head}<item><title>Deep</title>${"<div>".repeat(depth)}${"</div>".repeat(depth)}</item></channel></rss>`);
      expect((await finishedRun(deep.body.runId!)).error).toMatch(/elements are nested more than 256 deep/);

      const badHeader = await importThroughWeb(`${head}</channel></rss>`, { "x-category-map": "%E0%A4%A" });
      expect(badHeader.status).toBe(400);
      expect(badHeader.body.error).toBe("The x-category-map header is not valid percent-encoding (as encodeURIComponent writes it).");
    });
    expect(await postCount()).toBe(before);
  });
});
