// Preview links on a production build: an editor makes one on a draft's admin page; a reviewer
// without an account opens it (banner, noindex, no-store, the latest saved text, no real names, no
// forms), the nginx front never caches it, and once revoked it answers 404 in the site's design.
import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, connectToTestDatabase, openBrowser } from "../helpers/e2e";
import { startReadmeNginx } from "../helpers/nginx";

let browser: Browser;
let client: pg.Client;
let front: Awaited<ReturnType<typeof startReadmeNginx>> | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await openBrowser();
  client = await connectToTestDatabase();
  front = await startReadmeNginx([Number(new URL(baseUrl()).port)]);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await client?.end();
  await front?.stop();
});

/** A signed-in editor's session, made directly in the database: sign-in by email has its own tests. */
async function editorPage(): Promise<Page> {
  const token = randomBytes(24).toString("hex");
  await client.query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires)
     SELECT $1, $2, id, now() + interval '1 hour' FROM "User" WHERE role = 'EDITOR' ORDER BY "createdAt" LIMIT 1`,
    [`preview-${token.slice(0, 8)}`, token],
  );
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseUrl() }]);
  return context.newPage();
}

async function signedOutPage(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

/** The post's text as markdown: the editor's markdown view, switched to when it is not showing. */
async function markdownField(page: Page) {
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

describe("preview links", () => {
  it("work signed out with a banner, noindex and no-store, show the latest saved text, and stop when revoked", { timeout: 180_000 }, async () => {
    const {
      rows: [draft],
    } = await client.query<{ id: string; title: string; realName: string }>(
      `SELECT p.id, p.title, a."realName" FROM "Post" p JOIN "PostAuthor" pa ON pa."postId" = p.id JOIN "AuthorProfile" a ON a.id = pa."profileId"
        WHERE p.status = 'DRAFT' AND a."isPseudonymous" AND a."realName" IS NOT NULL ORDER BY p.id LIMIT 1`,
    );
    expect(draft, "the demo content has a draft by a pen name").toBeDefined();

    // The editor makes a link for three days on the draft's admin page.
    const editor = await editorPage();
    await editor.goto(`${baseUrl()}/admin/posts/${draft.id}`);
    const revokeButtons = editor.getByRole("button", { name: /^Revoke the link made/ });
    const linksBefore = await revokeButtons.count();
    await editor.getByLabel("Works for").fill("3");
    await editor.getByRole("button", { name: "Make a preview link" }).click();
    await editor.getByText("Preview link made. It works for 3 days. Copy it now: it is shown only once.").waitFor();
    const link = new URL(await editor.locator("#preview-link-url").inputValue());
    expect(link.pathname).toMatch(/^\/preview\/[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => revokeButtons.count()).toBe(linksBefore + 1);

    // A reviewer without an account opens it.
    const reviewer = await signedOutPage();
    const response = await reviewer.goto(`${baseUrl()}${link.pathname}`);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers["x-robots-tag"]).toContain("noindex");
    expect(headers["cache-control"]).toMatch(/\bprivate\b/);
    expect(headers["cache-control"]).toMatch(/\bno-store\b/);
    await expect(reviewer.getByText("Preview: not published").isVisible()).resolves.toBe(true);
    await expect(reviewer.locator("h1").textContent()).resolves.toBe(draft.title);
    expect(await reviewer.locator('meta[name="robots"]').getAttribute("content")).toMatch(/noindex/);
    expect(await reviewer.locator('meta[name="referrer"]').getAttribute("content")).toBe("no-referrer");
    expect(await reviewer.locator("#respond, form[aria-labelledby='subscribe-box-heading'], .share").count()).toBe(0);
    expect(await reviewer.content()).not.toContain(draft.realName);

    // The editor saves new text: the reviewer sees it on the next request.
    const marker = `Reviewer check ${randomBytes(3).toString("hex")}`;
    await (await markdownField(editor)).fill(`A paragraph for the reviewer.\n\n**${marker}**`);
    await editor.getByRole("status").filter({ hasText: /^(Saved at|All changes saved)/ }).first().waitFor({ timeout: 20_000 });
    await reviewer.reload();
    await expect(reviewer.locator(".prose strong").textContent()).resolves.toBe(marker);

    // Through the README's nginx front it is fetched from Docket every time, never from its cache.
    const viaNginx = async () => {
      const answer = await fetch(`${front!.url}${link.pathname}`);
      return { status: answer.status, cache: answer.headers.get("x-cache"), text: await answer.text() };
    };
    const [first, second] = [await viaNginx(), await viaNginx()];
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.cache, second.cache]).toEqual(["BYPASS", "BYPASS"]);
    expect(second.text).toContain(marker);

    // Never in the sitemap.
    expect(await (await fetch(`${baseUrl()}/sitemap.xml`)).text()).not.toContain("/preview/");

    // Revoked on the admin page, it stops at once: a 404 in the site's design, here and through nginx.
    // The newest link comes first.
    await revokeButtons.first().click();
    await expect.poll(() => revokeButtons.count()).toBe(linksBefore);
    const gone = await reviewer.reload();
    expect(gone?.status()).toBe(404);
    expect(gone?.headers()["x-robots-tag"]).toContain("noindex");
    await expect(reviewer.locator("h1").textContent()).resolves.toBe("This preview link does not work");
    expect(await reviewer.locator("body > header nav[aria-label]").count()).toBe(1);
    expect(await reviewer.content()).not.toContain(marker);
    const afterRevoking = [await viaNginx(), await viaNginx()];
    expect(afterRevoking.map((answer) => [answer.status, answer.cache])).toEqual([
      [404, "BYPASS"],
      [404, "BYPASS"],
    ]);

    const audit = await client.query<{ action: string }>(`SELECT action FROM "AuditLog" WHERE "entityType" = 'PreviewLink' ORDER BY "createdAt" DESC LIMIT 2`);
    expect(audit.rows.map((row) => row.action)).toEqual(["preview-link.revoked", "preview-link.created"]);
  });

  it("leads to the post once it is published", async () => {
    const {
      rows: [post],
    } = await client.query<{ id: string; slug: string }>(`SELECT id, slug FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`);
    const token = randomBytes(32).toString("base64url");
    await client.query(`INSERT INTO "PreviewLink" (id, "postId", "tokenHash", "expiresAt") VALUES ($1, $2, $3, now() + interval '1 day')`, [
      `published-${token.slice(0, 8)}`,
      post.id,
      createHash("sha256").update(token).digest("hex"),
    ]);
    const answer = await fetch(`${baseUrl()}/preview/${token}`, { redirect: "manual" });
    expect(answer.status).toBe(307);
    expect(new URL(answer.headers.get("location")!, baseUrl()).pathname).toBe(`/posts/${post.slug}`);
  });

  it("answers 404 for an expired link and for an address that was never a link", async () => {
    const token = randomBytes(32).toString("base64url");
    await client.query(
      `INSERT INTO "PreviewLink" (id, "postId", "tokenHash", "expiresAt") SELECT $1, id, $2, now() - interval '1 minute' FROM "Post" WHERE status = 'DRAFT' LIMIT 1`,
      [`expired-${token.slice(0, 8)}`, createHash("sha256").update(token).digest("hex")],
    );
    for (const path of [`/preview/${token}`, `/preview/${randomBytes(32).toString("base64url")}`, "/preview/short", "/preview/expired"]) {
      const answer = await fetch(`${baseUrl()}${path}`);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get("x-robots-tag"), path).toContain("noindex");
      expect(await answer.text(), path).toContain("This preview link does not work");
    }
  });
});
