// Two web processes of one site on one database: a change made through one (an edit, unpublishing,
// publishing, a comment approved) is served by the other on its next request, also after the other's
// LISTEN connection was cut, while it reconnects and once it is back. An image uploaded through one is
// served by the other, from the shared data folder and from S3-compatible storage.
import { randomBytes } from "node:crypto";
import os from "node:os";
import nodePath from "node:path";
import type pg from "pg";
import sharp from "sharp";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LISTENER_APPLICATION_NAME } from "@/lib/cache/shared-tags";
import { baseUrl, connectToTestDatabase, openBrowser } from "../helpers/e2e";
import { startExtraWebServer, type ExtraWebServer } from "../helpers/extra-web-server";
import { startTestS3Server, type TestS3Server } from "../helpers/s3-server";

let client: pg.Client;
let browser: Browser;
let editorContext: BrowserContext;
let editorToken: string;
let other: ExtraWebServer;
const unique = () => randomBytes(3).toString("hex");

beforeAll(async () => {
  client = await connectToTestDatabase();
  [browser, other] = await Promise.all([openBrowser(), startExtraWebServer()]);
  editorToken = await editorSession();
  editorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await editorContext.addCookies([{ name: "next-auth.session-token", value: editorToken, url: baseUrl() }]);
});
afterAll(async () => {
  await editorContext?.close();
  await browser?.close();
  await other?.stop();
  await client?.end();
});

/** A signed-in editor's session, made directly in the database: sign-in by email has its own tests. */
async function editorSession(): Promise<string> {
  const token = randomBytes(24).toString("hex");
  await client.query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires)
     SELECT $1, $2, id, now() + interval '1 hour' FROM "User" WHERE role = 'EDITOR' ORDER BY "createdAt" LIMIT 1`,
    [`scale-${token.slice(0, 8)}`, token],
  );
  return token;
}

async function page(url: string): Promise<{ status: number; html: string }> {
  const response = await fetch(url, { redirect: "manual" });
  return { status: response.status, html: await response.text() };
}

/** Asks until the page comes from the process's cache, fresh: no render of it is still under way. */
async function warm(url: string): Promise<{ status: number; html: string }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(url, { redirect: "manual" });
    const html = await response.text();
    if (response.headers.get("x-nextjs-cache") === "HIT") return { status: response.status, html };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} never came from the cache`);
}

const titleIn = (html: string) => html.match(/<h1[^>]*id="post-title"[^>]*>([\s\S]*?)<\/h1>/)?.[1];

async function publishedPost(): Promise<{ id: string; slug: string }> {
  const { rows } = await client.query<{ id: string; slug: string }>(
    `SELECT id, slug FROM "Post" WHERE status = 'PUBLISHED' AND "commentsOpen" ORDER BY "publishedAt" DESC LIMIT 1 OFFSET 2`,
  );
  return rows[0];
}

async function openEditor(postId: string): Promise<Page> {
  const editor = await editorContext.newPage();
  await editor.goto(`${baseUrl()}/admin/posts/${postId}`);
  return editor;
}

/** Retitles a published post in the editor (its working copy) and presses Update, so readers get it. */
async function retitleThroughFirst(postId: string, title: string) {
  const editor = await openEditor(postId);
  await editor.getByLabel("Title").fill(title);
  await editor.getByRole("status").filter({ hasText: /^Saved at/ }).first().waitFor({ timeout: 20_000 });
  await editor.getByRole("button", { name: "Update", exact: true }).click();
  await editor.getByText("Updated: readers now see this version.").waitFor({ timeout: 20_000 });
  await editor.close();
}

async function pressThroughFirst(postId: string, button: "Publish now" | "Unpublish", expectedStatus: string) {
  const editor = await openEditor(postId);
  await editor.getByRole("button", { name: button }).click();
  await editor.locator(".post-actions [role=status]").waitFor({ timeout: 20_000 });
  await editor.close();
  const { rows } = await client.query<{ status: string }>(`SELECT status FROM "Post" WHERE id = $1`, [postId]);
  expect(rows[0].status).toBe(expectedStatus);
}

async function listenerConnections(): Promise<number> {
  const { rows } = await client.query<{ count: number }>(
    "SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
    [LISTENER_APPLICATION_NAME],
  );
  return rows[0].count;
}

async function cutListeners(): Promise<number> {
  const { rowCount } = await client.query(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
    [LISTENER_APPLICATION_NAME],
  );
  return rowCount ?? 0;
}

describe("two web processes on one database", () => {
  it("the other serves an edit, unpublishing and publishing on its next request", async () => {
    const post = await publishedPost();
    const path = `/posts/${post.slug}`;
    const before = await warm(`${other.url}${path}`);
    expect(before.status).toBe(200);
    const oldTitle = titleIn(before.html);
    expect(oldTitle).toBeTruthy();
    // The other process serves the page from its cache: a change behind Docket's back goes unseen.
    await client.query(`UPDATE "Post" SET title = $2 WHERE id = $1`, [post.id, `Unseen ${unique()}`]);
    expect(titleIn((await page(`${other.url}${path}`)).html)).toBe(oldTitle);

    const edited = `Edited through the first process ${unique()}`;
    await retitleThroughFirst(post.id, edited);
    expect(titleIn((await page(`${other.url}${path}`)).html)).toBe(edited);

    await pressThroughFirst(post.id, "Unpublish", "UNPUBLISHED");
    expect((await page(`${other.url}${path}`)).status).toBe(404);

    await pressThroughFirst(post.id, "Publish now", "PUBLISHED");
    const republished = await page(`${other.url}${path}`);
    expect(republished.status).toBe(200);
    expect(titleIn(republished.html)).toBe(edited);
  });

  it("the other shows a comment approved through the first", async () => {
    const post = await publishedPost();
    const body = `Approved through the first process ${unique()}`;
    const {
      rows: [comment],
    } = await client.query<{ id: string }>(
      `INSERT INTO "Comment" (id, "postId", "authorName", "authorEmail", body, status)
       VALUES ($1, $2, 'Pat Reader', 'pat.reader@example.org', $3, 'PENDING') RETURNING id`,
      [`scale${unique()}${unique()}`, post.id, body],
    );
    const path = `/posts/${post.slug}`;
    expect((await page(`${other.url}${path}`)).html).not.toContain(body);

    const queue = await editorContext.newPage();
    await queue.goto(`${baseUrl()}/admin/comments`);
    await queue.locator(`#row-${comment.id}`).getByRole("button", { name: "Approve" }).click();
    await queue.waitForURL(/notice=/);
    await queue.close();
    expect((await page(`${other.url}${path}`)).html).toContain(body);
  });

  it("after the LISTEN connections are cut: right while they reconnect, and once they are back", async () => {
    const post = await publishedPost();
    const path = `/posts/${post.slug}`;
    await page(`${other.url}${path}`);
    expect(await listenerConnections()).toBeGreaterThanOrEqual(2);
    expect(await cutListeners()).toBeGreaterThanOrEqual(2);

    const whileCut = `Edited while the listeners were cut ${unique()}`;
    await retitleThroughFirst(post.id, whileCut);
    expect(titleIn((await page(`${other.url}${path}`)).html)).toBe(whileCut);

    for (let attempt = 0; attempt < 100 && (await listenerConnections()) < 2; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await listenerConnections()).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 500)); // connected, then listening and reloaded
    // Back and trusted again: the page is cached once more, and a change still arrives at once.
    await warm(`${other.url}${path}`);
    await client.query(`UPDATE "Post" SET title = $2 WHERE id = $1`, [post.id, `Unseen ${unique()}`]);
    expect(titleIn((await page(`${other.url}${path}`)).html)).toBe(whileCut);
    const afterCut = `Edited after the listeners came back ${unique()}`;
    await retitleThroughFirst(post.id, afterCut);
    expect(titleIn((await page(`${other.url}${path}`)).html)).toBe(afterCut);
  });
});

async function pngFile(): Promise<Blob> {
  const bytes = await sharp({ create: { width: 48, height: 32, channels: 3, background: `#${randomBytes(3).toString("hex")}` } }).png().toBuffer();
  return new Blob([new Uint8Array(bytes)], { type: "image/png" });
}

async function uploadThrough(serverUrl: string, token: string): Promise<string> {
  const form = new FormData();
  form.set("file", await pngFile(), "photo.png");
  const response = await fetch(`${serverUrl}/api/uploads`, { method: "POST", body: form, headers: { cookie: `next-auth.session-token=${token}` } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { url: string }).url;
}

async function imageFrom(url: string) {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get("content-type"), bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("an image uploaded through one process", () => {
  it("is served by the other from the shared data folder", async () => {
    const imagePath = await uploadThrough(baseUrl(), editorToken);
    const fromOther = await imageFrom(`${other.url}${imagePath}`);
    expect(fromOther.status).toBe(200);
    expect(fromOther.type).toBe("image/webp");
    expect(fromOther.bytes.equals((await imageFrom(`${baseUrl()}${imagePath}`)).bytes)).toBe(true);
  });

  describe("with S3_URL", () => {
    let s3: TestS3Server;
    const servers: ExtraWebServer[] = [];
    beforeAll(async () => {
      s3 = await startTestS3Server();
      // Their own data folder each: only the bucket is shared.
      for (let index = 0; index < 2; index++) {
        servers.push(await startExtraWebServer({ S3_URL: s3.s3Url, DOCKET_DATA_DIR: nodePath.join(os.tmpdir(), `docket-s3-web-${unique()}`) }));
      }
    });
    afterAll(async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await s3?.stop();
    });

    it("is served by the other from the bucket", async () => {
      const [first, second] = servers;
      const imagePath = await uploadThrough(first.url, editorToken);
      const fromSecond = await imageFrom(`${second.url}${imagePath}`);
      expect(fromSecond.status).toBe(200);
      expect(fromSecond.type).toBe("image/webp");
      expect((await sharp(fromSecond.bytes).metadata()).width).toBe(48);
      // Not in the folder the global server uses: it came from the bucket.
      expect((await imageFrom(`${baseUrl()}${imagePath}`)).status).toBe(404);
    });
  });
});
