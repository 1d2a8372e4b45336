// Editing what readers already have, in Chromium against the production build: a published post typed
// into for ten seconds changes nothing readers get (its page, its feed entry, the page through the
// README's nginx front) until Update, which moves the live revision once; two tabs on one draft show a
// conflict instead of overwriting each other; a published page keeps its text until updated too.
import type pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, connectToTestDatabase, openBrowser, signedInPage } from "../helpers/e2e";
import { startReadmeNginx } from "../helpers/nginx";

let browser: Browser;
let client: pg.Client;
let front: Awaited<ReturnType<typeof startReadmeNginx>> | undefined;

beforeAll(async () => {
  browser = await openBrowser();
  client = await connectToTestDatabase();
  front = await startReadmeNginx([Number(new URL(baseUrl()).port)]);
});
afterAll(async () => {
  await browser?.close();
  await client?.end();
  await front?.stop();
});

const signedInAs = (email: string) => signedInPage(browser, client, email);

const editorText = (page: Page) => page.getByRole("textbox", { name: "Text", exact: true });
const saved = (page: Page) => page.getByRole("status").filter({ hasText: /^Saved at \d\d:\d\d\.$/ }).first();
const fetchText = async (url: string) => (await fetch(url, { redirect: "manual" })).text();

async function row<T>(sql: string, params: unknown[]): Promise<T> {
  return (await client.query(sql, params)).rows[0] as T;
}

/** Types for `seconds` seconds in bursts, as someone fixing a typo and then some would. */
async function typeFor(page: Page, seconds: number, words: string[]): Promise<string> {
  const typed: string[] = [];
  const until = Date.now() + seconds * 1000;
  for (let index = 0; Date.now() < until; index++) {
    const word = `${words[index % words.length]} `;
    await page.keyboard.type(word, { delay: 40 });
    typed.push(word);
  }
  return typed.join("");
}

describe("a published post's working copy", () => {
  it("changes nothing readers get while its author types, and everything once they press Update", { timeout: 240_000 }, async () => {
    const post = await row<{ id: string; slug: string; liveRevisionId: string; title: string }>(
      `SELECT p.id, p.slug, p."liveRevisionId", p.title FROM "Post" p JOIN "PostAuthor" pa ON pa."postId" = p.id JOIN "AuthorProfile" a ON a.id = pa."profileId"
        WHERE p.status = 'PUBLISHED' AND a.slug = 'hollis-grey' ORDER BY p."publishedAt" DESC LIMIT 1`,
      [],
    );
    const readerPage = `${baseUrl()}/posts/${post.slug}`;
    const throughFront = `${front!.url}/posts/${post.slug}`;
    const feed = `${baseUrl()}/authors/hollis-grey/feed.xml`;
    const before = { page: await fetchText(readerPage), front: await fetchText(throughFront), feed: await fetchText(feed) };
    expect(before.feed).toContain(`/posts/${post.slug}`);

    const author = await signedInAs("author@docket.localhost");
    await author.goto(`${baseUrl()}/admin/posts/${post.id}`);
    await editorText(author).locator("p").first().waitFor();
    await author.locator(".working-copy").getByText("Published", { exact: true }).waitFor();
    await editorText(author).locator("p").first().click();
    await author.keyboard.press("End");
    const typed = await typeFor(author, 10, ["Correction:", "the", "hearing", "was", "adjourned", "to", "March."]);
    await saved(author).waitFor({ timeout: 30_000 });
    await author.getByText("Published · unpublished changes.").waitFor();

    // Autosave kept a working copy: readers, the feed and the front still get exactly what they had.
    const working = await row<{ liveRevisionId: string; latest: string; latestBody: string }>(
      `SELECT p."liveRevisionId", r.id AS latest, r."bodyMarkdown" AS "latestBody" FROM "Post" p JOIN LATERAL (SELECT id, "bodyMarkdown" FROM "Revision" WHERE "postId" = p.id ORDER BY number DESC LIMIT 1) r ON true WHERE p.id = $1`,
      [post.id],
    );
    expect(working.liveRevisionId).toBe(post.liveRevisionId);
    expect(working.latestBody).toContain(typed.trim());
    expect(await fetchText(readerPage)).toBe(before.page);
    expect(await fetchText(throughFront)).toBe(before.front);
    expect(await fetchText(feed)).toBe(before.feed);

    // The differences can be read before pressing Update.
    await author.getByText("Compare with the published version").click();
    await author.locator(".revision-diff ins").filter({ hasText: "adjourned" }).first().waitFor();

    // Other tests may have updated this post before: count only what this Update records.
    const pressedAt = (await row<{ now: Date }>(`SELECT now()`, [])).now;
    await author.getByRole("button", { name: "Update", exact: true }).click();
    await author.getByText("Updated: readers now see this version.").waitFor({ timeout: 30_000 });
    const lastWord = "adjourned";
    await expect.poll(async () => (await fetchText(readerPage)).includes(lastWord), { timeout: 60_000 }).toBe(true);
    await expect.poll(async () => (await fetchText(throughFront)).includes(lastWord), { timeout: 60_000 }).toBe(true);
    await expect.poll(async () => (await fetchText(feed)).includes(lastWord), { timeout: 60_000 }).toBe(true);

    const after = await row<{ liveRevisionId: string; latest: string }>(
      `SELECT p."liveRevisionId", (SELECT id FROM "Revision" WHERE "postId" = p.id ORDER BY number DESC LIMIT 1) AS latest FROM "Post" p WHERE p.id = $1`,
      [post.id],
    );
    expect(after.liveRevisionId).toBe(after.latest);
    expect(after.liveRevisionId).not.toBe(post.liveRevisionId);
    const updates = await client.query(`SELECT details FROM "AuditLog" WHERE "entityId" = $1 AND action = 'post.updated' AND "createdAt" >= $2`, [post.id, pressedAt]);
    expect(updates.rows).toEqual([{ details: expect.objectContaining({ revisionId: after.liveRevisionId }) }]);
  });
});

describe("two tabs on one draft", () => {
  it("shows the other tab's version beside one's own instead of overwriting it, and keeps every sentence typed", { timeout: 180_000 }, async () => {
    const tabA = await signedInAs("author@docket.localhost");
    await tabA.goto(`${baseUrl()}/admin/posts`);
    await tabA.getByLabel("Start a new post").fill("Two tabs, one draft");
    await tabA.getByRole("button", { name: "Create draft" }).click();
    await tabA.waitForURL(/\/admin\/posts\/[a-z0-9]+$/);
    const postId = tabA.url().split("/").at(-1)!;
    await editorText(tabA).waitFor();
    const tabB = await signedInAs("author@docket.localhost");
    await tabB.goto(`${baseUrl()}/admin/posts/${postId}`);
    await editorText(tabB).waitFor();

    await editorText(tabA).click();
    await tabA.keyboard.type("The sentence written in tab A.");
    await saved(tabA).waitFor({ timeout: 30_000 });
    await editorText(tabB).click();
    await tabB.keyboard.type("The sentence written in tab B.");

    const conflict = tabB.getByRole("region", { name: "Two versions of this post" });
    await conflict.waitFor({ timeout: 30_000 });
    expect(await conflict.getByText("The sentence written in tab A.").count()).toBeGreaterThan(0);
    expect(await conflict.getByText("The sentence written in tab B.").count()).toBeGreaterThan(0);
    await tabB.getByRole("status").filter({ hasText: "Not saved: someone else saved this since you opened it." }).first().waitFor();
    // Tab B's words are still in its editor, and in its browser copy.
    expect(await editorText(tabB).textContent()).toContain("The sentence written in tab B.");
    const copy = await tabB.evaluate((id) => JSON.parse(localStorage.getItem(`docket:post-draft:${id}`) ?? "{}"), postId);
    expect(copy).toMatchObject({ dirty: true, fields: { bodyMarkdown: "The sentence written in tab B." } });

    await conflict.getByRole("button", { name: "Keep mine" }).click();
    await saved(tabB).waitFor({ timeout: 30_000 });
    await conflict.waitFor({ state: "detached" });
    const stored = (await client.query<{ bodyMarkdown: string }>(`SELECT "bodyMarkdown" FROM "Revision" WHERE "postId" = $1 ORDER BY number`, [postId])).rows.map((revision) => revision.bodyMarkdown);
    expect(stored).toEqual(["", "The sentence written in tab A.", "The sentence written in tab B."]);

    // Tab A's next save meets tab B's: it takes theirs rather than losing either.
    await editorText(tabA).click();
    await tabA.keyboard.press("End");
    await tabA.keyboard.type(" And more from A.");
    const conflictInA = tabA.getByRole("region", { name: "Two versions of this post" });
    await conflictInA.waitFor({ timeout: 30_000 });
    await conflictInA.getByRole("button", { name: "Take theirs" }).click();
    await expect.poll(() => editorText(tabA).textContent()).toBe("The sentence written in tab B.");
    expect((await client.query(`SELECT count(*)::int AS count FROM "Revision" WHERE "postId" = $1`, [postId])).rows[0].count).toBe(3);
  });
});

describe("a published page's working copy", () => {
  it("autosaves an editor's changes as a working copy readers do not see until Update", { timeout: 180_000 }, async () => {
    const page = await row<{ id: string; slug: string }>(`SELECT id, slug FROM "Page" WHERE status = 'PUBLISHED' ORDER BY slug LIMIT 1`, []);
    const readerPage = `${baseUrl()}/${page.slug}`;
    const before = await fetchText(readerPage);
    const editor = await signedInAs("editor@docket.localhost");
    await editor.goto(`${baseUrl()}/admin/pages/${page.id}`);
    await editorText(editor).locator("p").first().click();
    await editor.keyboard.press("End");
    await editor.keyboard.type(" A sentence added to the page.");
    await saved(editor).waitFor({ timeout: 30_000 });
    await editor.getByText("Published · unpublished changes.").waitFor();
    expect(await fetchText(readerPage)).toBe(before);

    await editor.getByRole("button", { name: "Update", exact: true }).click();
    await editor.getByText("Updated: readers now see this version.").waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await fetchText(readerPage)).includes("A sentence added to the page."), { timeout: 60_000 }).toBe(true);
  });
});
