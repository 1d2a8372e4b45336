// `npm run bench:editor-js`: builds Docket, serves the demo content, and measures in Chromium the
// JavaScript of a published post's reader page and of the same post in the admin editor, split into
// what the HTML names and what loads afterwards (the rich-text editor is imported on demand).
// Also checks that no script on the reader page carries editor code (ProseMirror's class names).
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Browser } from "playwright-core";
import { openBrowser } from "../helpers/e2e";
import { startBenchServer } from "./bench-server";
import { gzippedBytes, kb, scriptSourcesOf, type ScriptSize } from "./page-javascript";

/** A string only the editor's code contains: ProseMirror's own class name prefix. */
const EDITOR_CODE_MARKER = "ProseMirror-";

type LoadedScript = { url: string; body: Buffer };

async function scriptsLoadedBy(browser: Browser, url: string, cookie: { name: string; value: string; url: string } | null, ready?: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (cookie) await context.addCookies([cookie]);
  const page = await context.newPage();
  const scripts: LoadedScript[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(response.body().then((body) => void scripts.push({ url: response.url(), body })));
  });
  const response = await page.goto(url);
  const html = (await response?.text()) ?? "";
  if (ready) await page.locator(ready).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);
  await context.close();
  const named = new Set(scriptSourcesOf(html).loaded.map((source) => new URL(source, url).href));
  const total = (list: LoadedScript[]): ScriptSize =>
    list.map((script) => gzippedBytes(script.body)).reduce((sum, size) => ({ raw: sum.raw + size.raw, gzipped: sum.gzipped + size.gzipped }), { raw: 0, gzipped: 0 });
  const initial = scripts.filter((script) => named.has(script.url));
  const later = scripts.filter((script) => !named.has(script.url));
  return {
    files: scripts.length,
    all: total(scripts),
    initial: total(initial),
    later: total(later),
    laterFiles: later.length,
    names: scripts.map((script) => new URL(script.url).pathname.split("/").at(-1) ?? "").sort(),
    carriesEditor: scripts.filter((script) => script.body.includes(EDITOR_CODE_MARKER)).map((script) => new URL(script.url).pathname),
  };
}

function describe(label: string, measured: Awaited<ReturnType<typeof scriptsLoadedBy>>) {
  console.log(
    `${label}: ${measured.files} files, ${kb(measured.all.gzipped)} gzipped (${measured.all.gzipped} bytes; ${kb(measured.all.raw)} raw); ` +
      `named in the HTML ${kb(measured.initial.gzipped)}, loaded afterwards ${kb(measured.later.gzipped)} in ${measured.laterFiles} files; ` +
      `files with editor code: ${measured.carriesEditor.length ? measured.carriesEditor.join(", ") : "none"}`,
  );
  console.log(`  ${measured.names.join(" ")}`);
}

async function main() {
  const server = await startBenchServer();
  let browser: Browser | undefined;
  try {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    const token = randomBytes(24).toString("hex");
    const {
      rows: [post],
    } = await client.query<{ id: string; slug: string }>(
      `SELECT id, slug FROM "Post" WHERE status = 'PUBLISHED' AND "seriesId" IS NOT NULL ORDER BY "publishedAt" DESC LIMIT 1`,
    );
    await client.query(
      `INSERT INTO "Session" (id, "sessionToken", "userId", expires)
       SELECT $1, $2, id, now() + interval '1 hour' FROM "User" WHERE role = 'EDITOR' ORDER BY "createdAt" LIMIT 1`,
      [`bench-${token.slice(0, 8)}`, token],
    );
    await client.end();

    browser = await openBrowser();
    const cookie = { name: "next-auth.session-token", value: token, url: server.baseUrl };
    describe(`Reader post page /posts/${post.slug}`, await scriptsLoadedBy(browser, `${server.baseUrl}/posts/${post.slug}`, null));
    describe(
      `Admin editor /admin/posts/${post.id}`,
      await scriptsLoadedBy(browser, `${server.baseUrl}/admin/posts/${post.id}`, cookie, process.env.BENCH_EDITOR_READY ?? "#title"),
    );
  } finally {
    await browser?.close();
    await server.stop();
  }
}

await main();
