// Comments on a production build: a reader comments and sees it awaiting moderation (nobody else
// does), the editor signs in by magic link and approves it from the queue, the reader sees it
// published, and a reply nests under it. Also: the form without JavaScript, and hostile input.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, connectToTestDatabase, openBrowser, readOutbox } from "../helpers/e2e";

const EDITOR_EMAIL = "editor@docket.localhost";
const ADMIN_EMAIL = "admin@docket.localhost";

let browser: Browser;
let client: pg.Client;
let post: { id: string; slug: string };

beforeAll(async () => {
  browser = await openBrowser();
  client = await connectToTestDatabase();
  const result = await client.query<{ id: string; slug: string }>(
    `SELECT id, slug FROM "Post" WHERE status = 'PUBLISHED' AND "commentsOpen" ORDER BY "publishedAt" DESC LIMIT 1`,
  );
  post = result.rows[0];
});
afterAll(async () => {
  await browser?.close();
  await client?.end();
});

const postUrl = () => `${baseUrl()}/posts/${post.slug}`;
const unique = () => randomBytes(4).toString("hex");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fillComment(page: Page, values: { body: string; name: string; email: string }) {
  const form = page.locator("#respond form");
  await form.getByRole("textbox", { name: "Comment", exact: true }).fill(values.body);
  await form.getByRole("textbox", { name: "Name", exact: true }).fill(values.name);
  await form.getByRole("textbox", { name: "Email", exact: true }).fill(values.email);
}

async function waitForFormToken(page: Page) {
  await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('#respond input[name="formToken"]')?.value ?? "") !== "");
  await sleep(3_200); // a human takes more than three seconds; faster is treated as a bot
}

async function commentRow(id: string) {
  return (await client.query<{ status: string; parentId: string | null; heldReason: string | null }>(`SELECT status, "parentId", "heldReason" FROM "Comment" WHERE id = $1`, [id])).rows[0];
}

async function commentIdByBody(body: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const found = await client.query<{ id: string }>(`SELECT id FROM "Comment" WHERE body = $1`, [body]);
    if (found.rows[0]) return found.rows[0].id;
    await sleep(100);
  }
  throw new Error(`no comment stored with body ${body}`);
}

/** Each address may ask for 5 links in 15 minutes: tests beyond that use the admin (who moderates too). */
async function signInAsEditor(context: BrowserContext, email = EDITOR_EMAIL): Promise<Page> {
  const page = await context.newPage();
  const before = new Set((await readOutbox()).map((mail) => mail.file));
  await page.goto(`${baseUrl()}/admin/sign-in?callbackUrl=/admin/comments`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  let link: string | undefined;
  for (let attempt = 0; attempt < 100 && !link; attempt++) {
    const fresh = (await readOutbox()).filter((mail) => !before.has(mail.file) && mail.raw.includes(`To: ${email}`));
    const unfolded = fresh.map((mail) => mail.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=")).join("\n");
    link = unfolded.match(/https?:\/\/[^\s"<]+\/admin\/sign-in\/confirm\?[^\s"<]+/)?.[0].replace(/&amp;/g, "&");
    if (!link) await sleep(100);
  }
  expect(link, "a sign-in link reached the outbox").toBeDefined();
  await page.goto(link!);
  await page.getByRole("button", { name: "Continue and sign in" }).click();
  await page.waitForURL(/\/admin\/comments/);
  return page;
}

describe("commenting and moderating", () => {
  it("reader comments → awaiting moderation → editor approves from the queue → published → a reply nests under it", async () => {
    const reader = await browser.newContext();
    const page = await reader.newPage();
    await page.goto(postUrl());
    await expect(page.locator("#respond").textContent()).resolves.toContain(
      "Your email address will not be published. Required fields are marked *",
    );
    const body = `A first comment from an e2e reader ${unique()}`;
    const email = `reader-${unique()}@example.org`;
    await waitForFormToken(page);
    await fillComment(page, { body, name: "Eve Reader", email });
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(page.getByRole("status").filter({ hasText: "awaiting moderation" }).first().textContent()).resolves.toContain(
      "Your comment is awaiting moderation",
    );
    const pendingList = page.getByRole("list", { name: "Your comments awaiting moderation" });
    await pendingList.waitFor();
    await expect(pendingList.textContent()).resolves.toContain(body);
    const commentId = await commentIdByBody(body);
    expect(await commentRow(commentId)).toMatchObject({ status: "PENDING", heldReason: "first comment" });

    // Posting again at once is flooding: HTTP 429, a clear message, and the text stays in the form.
    const floodBody = `Straight after the first ${unique()}`;
    await page.locator("#respond form").getByRole("textbox", { name: "Comment", exact: true }).fill(floodBody);
    const [floodResponse] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith("/api/comments") && response.request().method() === "POST"),
      page.getByRole("button", { name: "Post Comment" }).click(),
    ]);
    expect(floodResponse.status()).toBe(429);
    await expect(page.getByRole("alert").filter({ hasText: "too quickly" }).textContent()).resolves.toContain("Please wait a few seconds");
    expect(await page.locator("#respond form").getByRole("textbox", { name: "Comment", exact: true }).inputValue()).toBe(floodBody);
    // The endpoint takes posts from the site's own pages only.
    const crossSite = await fetch(`${baseUrl()}/api/comments`, { method: "POST", headers: { origin: "https://elsewhere.example" }, body: new FormData() });
    expect(crossSite.status).toBe(403);

    // The commenter still sees it after a reload (signed cookie); a stranger never does.
    await page.reload();
    await expect(page.getByRole("list", { name: "Your comments awaiting moderation" }).textContent()).resolves.toContain(body);
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(postUrl());
    await sleep(1000);
    expect(await strangerPage.content()).not.toContain(body);

    // The editor approves it from the queue.
    const editor = await browser.newContext();
    const queue = await signInAsEditor(editor);
    await expect(queue.locator("h1").textContent()).resolves.toBe("Comments");
    const row = queue.locator(`#row-${commentId}`);
    await expect(row.textContent()).resolves.toContain(email);
    await expect(row.textContent()).resolves.toContain("Held: first comment");
    await row.getByRole("button", { name: "Approve" }).click();
    await queue.waitForURL(/notice=/);
    await expect(queue.getByRole("status").textContent()).resolves.toBe("1 comment approved.");
    expect(await commentRow(commentId)).toMatchObject({ status: "APPROVED" });

    // Published on the next request, for everyone.
    await strangerPage.goto(postUrl());
    const published = strangerPage.locator(`#comment-${commentId}`);
    await expect(published.textContent()).resolves.toContain(body);
    await expect(strangerPage.locator("#responses-heading").textContent()).resolves.toMatch(/^\d+ Responses?$/);
    expect(await strangerPage.content()).not.toContain(email);

    // The reader replies to it: their earlier comment is approved now, so the reply is too.
    await page.goto(postUrl());
    await page.locator(`#comment-${commentId}`).getByRole("link", { name: "Reply to Eve Reader" }).click();
    await expect(page.locator("#respond h3").textContent()).resolves.toContain("Reply to Eve Reader");
    const replyBody = `A reply nested under the first ${unique()}`;
    await waitForFormToken(page);
    await sleep(15_000); // the flood rule: one comment per person per 15 s
    await fillComment(page, { body: replyBody, name: "Eve Reader", email });
    await page.getByRole("button", { name: "Post Reply" }).click();
    await expect(page.getByRole("status").filter({ hasText: "published" }).first().textContent()).resolves.toContain(
      "Thanks, your comment is published.",
    );
    const replyId = await commentIdByBody(replyBody);
    expect(await commentRow(replyId)).toMatchObject({ status: "APPROVED", parentId: commentId });
    await strangerPage.goto(postUrl());
    await expect(strangerPage.locator(`#comment-${commentId} ol #comment-${replyId}`).textContent()).resolves.toContain(replyBody);

    await Promise.all([reader.close(), stranger.close(), editor.close()]);
  });

  it("works without JavaScript: a failed submission keeps every value and explains; a good one is held", async () => {
    // Another reader, from another address: the flood rule keys on the address as well as the email.
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": "198.51.100.23" } });
    const page = await context.newPage();
    await page.goto(postUrl());
    const body = `Posted without JavaScript ${unique()}`;
    await fillComment(page, { body, name: "No Script", email: "not-an-email" });
    await page.locator("#respond form").getByRole("textbox", { name: "Website", exact: true }).fill("example.org/me");
    await page.getByRole("button", { name: "Post Comment" }).click();
    await page.waitForLoadState();
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain("Please correct the field marked below.");
    await expect(page.locator("#respond").textContent()).resolves.toContain("Enter a valid email address, like name@example.org.");
    const form = page.locator("#respond form");
    await expect(form.getByRole("textbox", { name: "Comment", exact: true }).inputValue()).resolves.toBe(body);
    await expect(form.getByRole("textbox", { name: "Name", exact: true }).inputValue()).resolves.toBe("No Script");
    await expect(form.getByRole("textbox", { name: "Email", exact: true }).inputValue()).resolves.toBe("not-an-email");
    await expect(form.getByRole("textbox", { name: "Website", exact: true }).inputValue()).resolves.toBe("example.org/me");

    await form.getByRole("textbox", { name: "Email", exact: true }).fill(`noscript-${unique()}@example.org`);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await page.waitForLoadState();
    await expect(page.locator("#respond").textContent()).resolves.toContain("Your comment is awaiting moderation");
    expect(await commentRow(await commentIdByBody(body))).toMatchObject({ status: "PENDING", heldReason: "sent without the form's timestamp" });
    await context.close();
  });

  it("takes a reply without JavaScript: the Reply link opens a page with the form for that comment", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": "198.51.100.24" } });
    const page = await context.newPage();
    await page.goto(postUrl());
    const replyLink = page.locator("#responses").getByRole("link", { name: /^Reply to / }).first();
    const parentId = (await replyLink.getAttribute("href"))?.match(/\/reply\/([^#]+)#respond$/)?.[1];
    expect(parentId, "the Reply link leads to the reply page").toBeDefined();
    await replyLink.click();
    await page.waitForURL(new RegExp(`/posts/${post.slug}/reply/${parentId}`));
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/^Reply to /);
    await expect(page.locator("#respond h3").textContent()).resolves.toMatch(/^Reply to /);
    expect(await page.getByRole("link", { name: "Cancel reply" }).getAttribute("href")).toBe(`/posts/${post.slug}#comment-${parentId}`);
    const body = `A reply without JavaScript ${unique()}`;
    await fillComment(page, { body, name: "No Script Replier", email: `noscript-reply-${unique()}@example.org` });
    await page.getByRole("button", { name: "Post Reply" }).click();
    await page.waitForLoadState();
    await expect(page.locator("#respond").textContent()).resolves.toContain("Your comment is awaiting moderation");
    expect(await commentRow(await commentIdByBody(body))).toMatchObject({ status: "PENDING", parentId });

    await context.close();

    const missing = await fetch(`${postUrl()}/reply/no-such-comment`);
    expect(missing.status).toBe(404);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain("find that page");
    expect(missingHtml).not.toContain('id="respond"');
  });

  it("moderates from the keyboard: j/k move between comments, s and t act on the current one", async () => {
    const ids: string[] = [];
    for (const label of ["first", "second", "third"]) {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO "Comment" (id, "postId", "authorName", "authorEmail", body, status) VALUES ($1, $2, 'Keyboard Test', 'keys@example.org', $3, 'PENDING') RETURNING id`,
        [`keys${unique()}`, post.id, `Keyboard ${label} ${unique()}`],
      );
      ids.push(inserted.rows[0].id);
    }
    const editor = await browser.newContext();
    const queue = await signInAsEditor(editor, ADMIN_EMAIL);
    const currentRowId = () => queue.locator("tr[data-current]").getAttribute("id");
    const queued = await queue.locator("tr[data-comment-row]").evaluateAll((rows) => rows.map((row) => row.id));
    // Keys work once the page is hydrated: press j until a row is current, then k back to the first.
    for (let attempt = 0; attempt < 50 && (await queue.locator("tr[data-current]").count()) === 0; attempt++) {
      await queue.keyboard.press("j");
      await sleep(100);
    }
    for (let press = 0; press < queued.length; press++) await queue.keyboard.press("k");
    expect(await currentRowId()).toBe(queued[0]);
    await queue.keyboard.press("j");
    await queue.keyboard.press("j");
    expect(await currentRowId()).toBe(queued[2]);
    await queue.keyboard.press("k");
    expect(await currentRowId()).toBe(queued[1]);
    const spammed = queued[1].replace(/^row-/, "");
    await queue.keyboard.press("s");
    await queue.waitForURL(/notice=/);
    expect(await commentRow(spammed)).toMatchObject({ status: "SPAM" });

    for (let attempt = 0; attempt < 50 && (await queue.locator("tr[data-current]").count()) === 0; attempt++) {
      await queue.keyboard.press("j");
      await sleep(100);
    }
    const trashed = (await currentRowId())!.replace(/^row-/, "");
    await queue.keyboard.press("t");
    await queue.waitForURL((url) => url.searchParams.get("notice")?.includes("trash") ?? false);
    expect(await commentRow(trashed)).toMatchObject({ status: "TRASH" });
    await client.query(`DELETE FROM "Comment" WHERE id = ANY($1)`, [ids]);
    await editor.close();
  });

  it("shows hostile input inert on the page", async () => {
    const marker = unique();
    const hostile = [
      `Hostile ${marker} <script>window.__pwned = 1</script>`,
      '<img src=x onerror="window.__pwned = 2">',
      "[click](javascript:window.__pwned=3)",
      "Right-to-left \u202Etxet desrever\u202C done \u0007",
    ].join("\n\n");
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO "Comment" (id, "postId", "authorName", "authorEmail", "authorUrl", body, status)
       VALUES ($1, $2, $3, 'hostile@example.org', 'javascript:alert(1)', $4, 'PENDING') RETURNING id`,
      [`hostile${marker}`, post.id, `<b onmouseover=alert(1)>Mallory\u202E</b>`, hostile],
    );
    const id = inserted.rows[0].id;
    const editor = await browser.newContext();
    const queue = await signInAsEditor(editor);
    expect(await queue.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await queue.locator(`#row-${id}`).getByRole("button", { name: "Approve" }).click();
    await queue.waitForURL(/notice=/);

    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(postUrl());
    const shown = page.locator(`#comment-${id}`);
    await expect(shown.textContent()).resolves.toContain(`Hostile ${marker} <script>window.__pwned = 1</script>`);
    expect(await shown.locator("script, img, [onerror], [onmouseover]").count()).toBe(0);
    expect(await shown.locator('a[href^="javascript:"]').count()).toBe(0);
    await shown.locator("a", { hasText: "click" }).click().catch(() => {});
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // The author's name stays text, isolated so its right-to-left override cannot flip the page.
    await expect(shown.locator("bdi").first().textContent()).resolves.toBe("<b onmouseover=alert(1)>Mallory\u202E</b>");
    await Promise.all([context.close(), editor.close()]);
  });
});
