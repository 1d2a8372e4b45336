// Old WordPress addresses, answered by the real server after an import: each post's permalink, /?p=ID, a
// nested page's permalink and /?page_id=ID, attachment pages and ids, the archives and their feeds answer
// 308 with the new address; an address nobody knows is still a 404. And the admin's Import and Backup
// pages, for an administrator only.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, connectToTestDatabase, e2eDatabaseUrl, openBrowser, sessionCookieFor } from "../helpers/e2e";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/wordpress");
let client: pg.Client;

beforeAll(async () => {
  client = await connectToTestDatabase();
  // The import runs here, against the server's database, as `npm run import:wordpress` would.
  process.env.DATABASE_URL = e2eDatabaseUrl();
  process.env.NEXTAUTH_SECRET ??= "e2e-import-secret-e2e-import-secret-0123";
  const { importWordPressFile, DEFAULT_IMPORT_OPTIONS } = await import("@/features/wordpress/import/import");
  for (const file of ["self-hosted-posts.xml", "self-hosted-series-coauthors.xml", "self-hosted-media-menus.xml"]) {
    await importWordPressFile(path.join(FIXTURES, file), DEFAULT_IMPORT_OPTIONS);
  }
  const { db } = await import("@/lib/db");
  await db().$disconnect();
});

afterAll(async () => {
  await client.end();
});

/**
 * Where an old address leads, and the statuses on the way. Next first drops a trailing slash (a 308 of its
 * own), and may repeat the Location header on a page's first render: every copy must name the same place.
 */
async function answer(address: string): Promise<{ statuses: number[]; location: string | null }> {
  const statuses: number[] = [];
  let current = address;
  for (let hop = 0; hop < 3; hop++) {
    const response = await fetch(`${baseUrl()}${current}`, { redirect: "manual" });
    await response.arrayBuffer();
    statuses.push(response.status);
    const header = response.headers.get("location");
    // No redirect: the address answered itself (after Next's slash-dropping hop, the page the reader lands on).
    if (!header) return { statuses, location: current === address ? null : current };
    const locations = [...new Set(header.split(", ").map((location) => new URL(location, baseUrl())).map((url) => `${url.pathname}${url.search}`))];
    if (locations.length !== 1) return { statuses, location: header };
    current = locations[0];
    const target = new URL(current, baseUrl()).pathname;
    if (hop === 0 && `${target}/` === address) continue; // Next dropped the slash: follow it once
    return { statuses, location: current };
  }
  return { statuses, location: current };
}

async function slugOf(wpId: number): Promise<string> {
  const { rows } = await client.query<{ slug: string }>(
    `SELECT p.slug FROM "WordPressLink" l JOIN "Post" p ON p.id = l."docketId" WHERE l.kind = 'post' AND l."wpKey" = $1`,
    [String(wpId)],
  );
  return rows[0].slug;
}

async function pageSlugOf(wpId: number): Promise<string> {
  const { rows } = await client.query<{ slug: string }>(
    `SELECT p.slug FROM "WordPressLink" l JOIN "Page" p ON p.id = l."docketId" WHERE l.kind = 'page' AND l."wpKey" = $1`,
    [String(wpId)],
  );
  return rows[0].slug;
}

describe("old WordPress addresses on the real server", () => {
  it("answers each old address with a permanent redirect to the new one", async () => {
    const post = `/posts/${await slugOf(101)}`;
    const court = `/posts/${await slugOf(702)}`;
    const page = `/${await pageSlugOf(111)}`;
    const expected: Record<string, string> = {
      "/about/write-for-us/": page,
      "/?page_id=111": page,
      "/2024/03/04/why-short-sentences-fail/": post,
      "/2024/03/04/why-short-sentences-fail": post,
      "/?p=101": post,
      "/2024/03/04/why-short-sentences-fail/feed/": post,
      "/?attachment_id=701": court,
      "/2024/04/inside-a-crown-court-on-a-monday/court-4/": court,
      "/category/courts/sentencing/": "/categories/sentencing",
      "/category/courts/sentencing/feed/": "/categories/sentencing/feed.xml",
      "/?cat=7": "/categories/sentencing",
      "/tag/bail/": "/tags/bail",
      "/tag/bail/feed/": "/tags/bail",
      "/author/tcallan/": "/authors/tom-callan",
      "/series/why-i-write/": "/series/why-i-write",
      "/series/why-i-write/feed/": "/series/why-i-write/feed.xml",
    };
    const answers: Record<string, { statuses: number[]; location: string | null }> = {};
    for (const address of Object.keys(expected)) answers[address] = await answer(address);
    // Every hop is permanent: one for a path without a slash or a query, two where Next first drops the slash
    // (one, then the page, where the old address without its slash is the new one: /series/why-i-write).
    const hops = (address: string, location: string) => (!address.endsWith("/") ? [308] : address === `${location}/` ? [308, 200] : [308, 308]);
    expect(answers).toEqual(Object.fromEntries(Object.entries(expected).map(([address, location]) => [address, { statuses: hops(address, location), location }])));
    // Where it leads is a real page.
    expect((await fetch(`${baseUrl()}${post}`)).status).toBe(200);
    expect((await fetch(`${baseUrl()}${page}`)).status).toBe(200);
  });

  it("keeps a 404 for what nobody knows, and the home page for other queries", async () => {
    expect((await answer("/?p=987654")).statuses).toEqual([404]);
    expect((await answer("/category/nothing-here")).statuses).toEqual([404]);
    expect((await answer("/?utm_source=newsletter")).statuses).toEqual([200]);
  });
});

describe("the Import and Backup pages", () => {
  it("open for an administrator and not for an editor", async () => {
    const admin = await sessionCookieFor(client, "ADMIN");
    const editor = await sessionCookieFor(client, "EDITOR");
    for (const page of ["/admin/import", "/admin/backup"]) {
      const asAdmin = await fetch(`${baseUrl()}${page}`, { headers: { cookie: `${admin.name}=${admin.value}` }, redirect: "manual" });
      expect(asAdmin.status, page).toBe(200);
      const asEditor = await fetch(`${baseUrl()}${page}`, { headers: { cookie: `${editor.name}=${editor.value}` }, redirect: "manual" });
      expect(asEditor.status, page).toBe(403);
    }
    const download = await fetch(`${baseUrl()}/admin/backup/download`, { headers: { cookie: `${editor.name}=${editor.value}` }, redirect: "manual" });
    expect(download.status).toBe(403);
  });

  it("downloads the whole site as a backup for an administrator", async () => {
    const admin = await sessionCookieFor(client, "ADMIN");
    const response = await fetch(`${baseUrl()}/admin/backup/download`, { headers: { cookie: `${admin.name}=${admin.value}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="docket-backup-\d{4}-\d{2}-\d{2}\.json\.gz"$/);
    const { gunzipSync } = await import("node:zlib");
    const document = JSON.parse(gunzipSync(Buffer.from(await response.arrayBuffer())).toString("utf8")) as { manifest: { counts: Record<string, number> } };
    expect(document.manifest.counts.Post).toBeGreaterThan(20);
  });

  it("imports an uploaded export from the Import page and shows the report", async () => {
    const browser = await openBrowser();
    try {
      const context = await browser.newContext();
      await context.addCookies([await sessionCookieFor(client, "ADMIN")]);
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/admin/import`);
      await page.setInputFiles("#import-export", path.join(FIXTURES, "self-hosted-comments.xml"));
      await page.getByRole("button", { name: "Start the import" }).click();
      await page.waitForURL(/\/admin\/import\/[a-z0-9]+$/);
      await page.getByRole("heading", { name: "Counts" }).waitFor({ timeout: 60_000 });
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Dry run of self-hosted-comments.xml");
      expect(await page.locator("table").first().textContent()).toContain("posts");
      if (process.env.SCREENSHOTS_DIR) {
        for (const [name, address, width] of [["import-run", page.url(), 1280], ["import", `${baseUrl()}/admin/import`, 390], ["backup", `${baseUrl()}/admin/backup`, 390]] as const) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(address);
          await page.screenshot({ path: path.join(process.env.SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
        }
      }
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it("stops at the author step for an author with a login's address, and links it only when ticked", async () => {
    const {
      rows: [admin],
    } = await client.query<{ id: string; email: string }>(`SELECT id, email FROM "User" WHERE role = 'ADMIN' ORDER BY "createdAt" LIMIT 1`);
    const site = `https://author-step-${Date.now()}.example`;
    const text = (await readFile(path.join(FIXTURES, "self-hosted-comments.xml"), "utf8")).replaceAll("maria.okafor@benchnotes.example", admin.email).replaceAll("https://benchnotes.example", site);
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "docket-author-step-")), "author-step.xml");
    await writeFile(file, text);
    const browser = await openBrowser();
    try {
      const context = await browser.newContext();
      await context.addCookies([await sessionCookieFor(client, "ADMIN")]);
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/admin/import`);
      await page.setInputFiles("#import-export", file);
      await page.getByLabel(/^Dry run/).uncheck();
      await page.getByRole("button", { name: "Start the import" }).click();
      await page.waitForURL(/\/admin\/import\/[a-z0-9]+$/);
      await page.getByRole("heading", { name: "Authors with a Docket login’s address" }).waitFor({ timeout: 60_000 });
      const choice = page.getByRole("checkbox", { name: new RegExp(`the login ${admin.email.replace(/[.]/g, "\\.")}, Admin`) });
      expect(await choice.isChecked()).toBe(false);
      // Nothing is written before the answer.
      expect((await client.query(`SELECT 1 FROM "WordPressLink" WHERE "siteUrl" = $1`, [site])).rowCount).toBe(0);
      if (process.env.SCREENSHOTS_DIR) {
        for (const [width, scheme] of [[375, "light"], [375, "dark"], [1280, "light"], [1280, "dark"]] as const) {
          await page.setViewportSize({ width, height: 900 });
          await page.emulateMedia({ colorScheme: scheme });
          await page.screenshot({ path: path.join(process.env.SCREENSHOTS_DIR, `author-step-${width}-${scheme}.png`), fullPage: true });
        }
      }
      await choice.check();
      await page.getByRole("button", { name: "Carry on, linking 1 of 1" }).click();
      await page.getByRole("heading", { name: "Counts" }).waitFor({ timeout: 60_000 });
      // The byline of that author is the admin login's own.
      const { rows: bylines } = await client.query<{ userId: string | null }>(
        `SELECT p."userId" FROM "WordPressLink" l JOIN "AuthorProfile" p ON p.id = l."docketId" WHERE l."siteUrl" = $1 AND l.kind = 'author' AND l."wpKey" = 'editor-maria'`,
        [site],
      );
      expect(bylines).toEqual([{ userId: admin.id }]);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
