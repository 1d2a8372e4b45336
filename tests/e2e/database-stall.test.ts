// A database that stops answering (issue #26): PostgreSQL frozen with SIGSTOP, its server and every
// connection's process, as a network partition or an overloaded server leaves it. Against a site of its
// own (its own PostgreSQL, demo content and web process, so nothing else is frozen): reader pages already
// cached answer from the cache, feeds too; a page that was not cached answers 503 with Retry-After in
// the site's design, the admin says the database is unreachable; and once the database is thawed
// (SIGCONT, in a finally) everything comes back by itself. Times are printed; the figures (1 s
// for cached pages, 3 s for a 503) are checked only as generous bounds, so a loaded machine does not fail
// the test.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../scripts/lib/services";
import { openBrowser, sessionCookieFor } from "../helpers/e2e";
import { startExtraWebServer, type ExtraWebServer } from "../helpers/extra-web-server";
import { startTestPostgres, TEMPLATE_DATABASE } from "../helpers/postgres-server";

let postgres: Awaited<ReturnType<typeof startTestPostgres>>;
let web: ExtraWebServer;
let dataDir: string;
let postmaster: number;
let post: { slug: string; title: string };
let uncachedTag: string;
let adminCookie: string;

/** The server process and every process it started (one per connection): what SIGSTOP must reach. */
function databaseProcesses(): number[] {
  const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(postmaster)], { encoding: "utf8" }).split("\n").map(Number).filter(Boolean);
  return [postmaster, ...children];
}

function signalDatabase(signal: "SIGSTOP" | "SIGCONT") {
  for (const pid of databaseProcesses()) {
    try {
      process.kill(pid, signal);
    } catch {
      // a connection's process that ended meanwhile
    }
  }
}

async function fetchAnswer(pathname: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${web.url}${pathname}`, { headers, redirect: "manual" });
  return { status: response.status, body: await response.text(), retryAfter: response.headers.get("retry-after") };
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  postmaster = Number((await readFile(path.join(postgres.logFile.replace(/\.log$/, ""), "postmaster.pid"), "utf8")).split("\n")[0]);
  await postgres.createDatabase("stall", TEMPLATE_DATABASE);
  const url = postgres.url("stall");
  await prepareDatabase(url, { demoContent: true });
  dataDir = await mkdtemp(path.join(os.tmpdir(), "docket-stall-"));
  await mkdir(path.join(dataDir, "logs"), { recursive: true });
  web = await startExtraWebServer({ DATABASE_URL: url, DOCKET_DATA_DIR: dataDir });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    ({
      rows: [post],
    } = await client.query<{ slug: string; title: string }>(`SELECT slug, title FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`));
    // A tag no build has seen and nobody asks for before the outage: its page is in no cache.
    uncachedTag = `stall-${Date.now()}`;
    await client.query(`INSERT INTO "Tag" (id, slug, name) VALUES ($1, $1, 'Not cached')`, [uncachedTag]);
    await client.query(`INSERT INTO "PostTag" ("postId", "tagId") SELECT id, $1 FROM "Post" WHERE slug = $2`, [uncachedTag, post.slug]);
    const cookie = await sessionCookieFor(client, "ADMIN");
    adminCookie = `${cookie.name}=${cookie.value}`;
  } finally {
    await client.end();
  }
  // Every page the test reads from the cache, read once (and twice: the first may render it).
  for (const pathname of ["/", `/posts/${post.slug}`, "/series", "/feed.xml", "/search?q=probation"]) for (let i = 0; i < 2; i++) await fetchAnswer(pathname);
}, 300_000);

afterAll(async () => {
  signalDatabase("SIGCONT");
  await web?.stop();
  await postgres?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("with the database frozen", () => {
  it("serves cached pages and feeds, answers 503 with Retry-After for the rest, says so in the admin, and recovers by itself", async () => {
    signalDatabase("SIGSTOP");
    try {
      // Right at the start of the outage, and again once the site knows of it.
      for (const round of ["as it starts", "a few seconds in"]) {
        // Once the site knows of the outage, the admin says so.
        if (round !== "as it starts") await expect.poll(async () => (await fetchAnswer("/admin", { cookie: adminCookie })).status, { timeout: 60_000 }).toBe(503);
        const home = await fetchAnswer("/");
        expect(home.status, round).toBe(200);
        expect(home.body).toContain(post.title);
        const page = await fetchAnswer(`/posts/${post.slug}`);
        expect(page.status, round).toBe(200);
        expect(page.body).toContain(post.title);
        expect((await fetchAnswer("/series")).status).toBe(200);
        const feed = await fetchAnswer("/feed.xml");
        expect(feed.status).toBe(200);
        expect(feed.body).toContain(post.title);
        expect((await fetchAnswer("/search?q=probation")).status).toBe(200);

        const fresh = await fetchAnswer(`/tags/${uncachedTag}`);
        expect(fresh.status, round).toBe(503);
        expect(fresh.retryAfter).toBe("5");
        expect(fresh.body).toContain("Briefly unavailable");
        expect(fresh.body).toContain('class="masthead"'); // the site's own design
        const search = await fetchAnswer("/search?q=never-searched-before");
        expect(search.status).toBe(503);

        const admin = await fetchAnswer("/admin", { cookie: adminCookie });
        expect(admin.status).toBe(503);
        expect(admin.body).toContain("The database is unreachable");
      }

      // A reader's browser: the cached post opens, with its text, while the database is frozen.
      const browser = await openBrowser();
      try {
        const tab = await browser.newPage();
        await tab.goto(`${web.url}/posts/${post.slug}`, { waitUntil: "load" });
        await expect.poll(() => tab.getByRole("heading", { level: 1 }).textContent()).toBe(post.title);
        if (process.env.SCREENSHOTS_DIR) {
          const [name, value] = adminCookie.split("=");
          await tab.context().addCookies([{ name, value, url: web.url }]);
          for (const [shot, pathname] of [["unavailable-site", `/tags/${uncachedTag}`], ["unavailable-admin", "/admin"]] as const) {
            for (const [width, scheme] of [[375, "light"], [375, "dark"], [1280, "light"], [1280, "dark"]] as const) {
              await tab.setViewportSize({ width, height: 800 });
              await tab.emulateMedia({ colorScheme: scheme });
              await tab.goto(`${web.url}${pathname}`);
              await tab.screenshot({ path: path.join(process.env.SCREENSHOTS_DIR, `${shot}-${width}-${scheme}.png`), fullPage: true });
            }
          }
        }
      } finally {
        await browser.close();
      }
    } finally {
      signalDatabase("SIGCONT");
    }

    // Thawed: the page that could not be made is made, and the admin opens, with nothing restarted.
    await expect.poll(async () => (await fetchAnswer(`/tags/${uncachedTag}`)).status, { timeout: 60_000, interval: 1000 }).toBe(200);
    await expect.poll(async () => (await fetchAnswer("/admin", { cookie: adminCookie })).status, { timeout: 30_000, interval: 1000 }).toBe(200);
  });
});
