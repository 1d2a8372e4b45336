// For browser tests: the running app's address, its database and data folder, and Chromium.
import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const baseUrl = () => inject("baseUrl");
export const e2eDatabaseUrl = () => inject("databaseUrl");
export const postgresLogFile = () => inject("postgresLogFile");
export const e2eDataDir = () => inject("dataDir");
export const outboxDir = () => path.join(inject("dataDir"), "outbox");

/** A connection to the browser tests' database; the caller ends it. */
export async function connectToTestDatabase(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  return client;
}

/**
 * A session for the first user with this role, made directly in the database (sign-in by email has its
 * own tests and a per-address limit): the cookie to add to a browser context or send with fetch.
 */
export async function sessionCookieFor(client: pg.Client, role: "ADMIN" | "EDITOR" | "AUTHOR" | "GUEST") {
  const token = randomBytes(24).toString("hex");
  const { rowCount } = await client.query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires)
     SELECT $1, $2, id, now() + interval '1 hour' FROM "User" WHERE role = $3 ORDER BY "createdAt" LIMIT 1`,
    [`test-${token.slice(0, 12)}`, token, role],
  );
  if (rowCount !== 1) throw new Error(`No ${role} user in the test database`);
  return { name: "next-auth.session-token", value: token, url: baseUrl() };
}

/** A new browser context signed in as the user with this address (a session made in the database), and its page. */
export async function signedInPage(browser: Browser, client: pg.Client, email: string, options: { width?: number; siteUrl?: string } = {}): Promise<Page> {
  const token = randomBytes(24).toString("hex");
  await client.query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires) SELECT $1, $2, id, now() + interval '1 hour' FROM "User" WHERE email = $3`,
    [`test-${token.slice(0, 12)}`, token, email],
  );
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } });
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: options.siteUrl ?? baseUrl() }]);
  return context.newPage();
}

export function openBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** The raw .eml files in the outbox, oldest first. */
export async function readOutbox(): Promise<{ file: string; raw: string }[]> {
  const files = (await readdir(outboxDir()).catch(() => [] as string[])).filter((file) => file.endsWith(".eml")).sort();
  return Promise.all(files.map(async (file) => ({ file, raw: await readFile(path.join(outboxDir(), file), "utf8") })));
}

/**
 * A working preview link to an unpublished post (bylined by a pen name when there is one), made in
 * the database the way the app makes it: only the token's sha256 is stored.
 */
export async function createPreviewLinkPath(client: pg.Client, postId?: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await client.query(
    `INSERT INTO "PreviewLink" (id, "postId", "tokenHash", "expiresAt")
     SELECT $1, p.id, $2, now() + interval '1 day' FROM "Post" p
      WHERE p.status <> 'PUBLISHED' AND ($3::text IS NULL OR p.id = $3)
      ORDER BY EXISTS (SELECT 1 FROM "PostAuthor" pa JOIN "AuthorProfile" a ON a.id = pa."profileId" WHERE pa."postId" = p.id AND a."isPseudonymous") DESC, p.id
      LIMIT 1`,
    [`e2e-${token.slice(0, 12)}`, createHash("sha256").update(token).digest("hex"), postId ?? null],
  );
  return `/preview/${token}`;
}

/** One address for every kind of reader page, the 404 page included. */
export async function everyKindOfReaderPage(client: pg.Client): Promise<string[]> {
  const {
    rows: [post],
  } = await client.query<{ slug: string; series: string; category: string; author: string; tag: string }>(
    `SELECT p.slug, s.slug AS series, c.slug AS category, a.slug AS author, t.slug AS tag
       FROM "Post" p JOIN "Series" s ON s.id = p."seriesId" JOIN "Category" c ON c.id = p."categoryId"
       JOIN "PostAuthor" pa ON pa."postId" = p.id JOIN "AuthorProfile" a ON a.id = pa."profileId"
       JOIN "PostTag" pt ON pt."postId" = p.id JOIN "Tag" t ON t.id = pt."tagId"
      WHERE p.status = 'PUBLISHED' ORDER BY p."publishedAt" DESC LIMIT 1`,
  );
  const {
    rows: [comment],
  } = await client.query<{ slug: string; id: string }>(
    `SELECT p.slug, c.id FROM "Comment" c JOIN "Post" p ON p.id = c."postId" WHERE c.status = 'APPROVED' AND p.status = 'PUBLISHED' AND p."commentsOpen" LIMIT 1`,
  );
  const {
    rows: [staticPage],
  } = await client.query<{ slug: string }>(`SELECT slug FROM "Page" WHERE status = 'PUBLISHED' ORDER BY slug LIMIT 1`);
  return [
    "/",
    `/posts/${post.slug}`,
    `/${staticPage.slug}`,
    "/series",
    `/series/${post.series}`,
    `/categories/${post.category}`,
    `/tags/${post.tag}`,
    `/authors/${post.author}`,
    "/search?q=probation",
    "/search",
    "/subscribe",
    "/corrections",
    "/complaints",
    `/posts/${comment.slug}/reply/${comment.id}`,
    await createPreviewLinkPath(client),
    `/preview/${randomBytes(32).toString("base64url")}`,
    `/no-such-page-${randomBytes(3).toString("hex")}`,
  ];
}

/** A post's or page's text as markdown: the editor's markdown view, switched to when it is not showing. */
export async function markdownField(page: Page) {
  const field = page.getByLabel("Text (markdown)");
  // Clicked until it takes: a click before the page is hydrated does nothing.
  await expect
    .poll(
      async () => {
        if (!(await field.isVisible())) await page.getByRole("button", { name: "Markdown", exact: true }).click();
        return field.isVisible();
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return field;
}
