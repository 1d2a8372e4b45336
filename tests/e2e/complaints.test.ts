// A complaint in Chromium against the production build: a reader's failed submission keeps what they
// typed and says what to fix; a good one is acknowledged on the page; the complainant's name and
// address appear on no reader page or feed; an editor finds it in the queue with its clocks and
// resolves it with a correction in one click, landing on the post's correction form.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, connectToTestDatabase, everyKindOfReaderPage, openBrowser, signedInPage } from "../helpers/e2e";

let browser: Browser;
let client: pg.Client;

beforeAll(async () => {
  browser = await openBrowser();
  client = await connectToTestDatabase();
});
afterAll(async () => {
  await browser?.close();
  await client?.end();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForFormToken(page: Page) {
  await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('input[name="formToken"]')?.value ?? "") !== "");
  await sleep(3_200); // a human takes more than three seconds; faster is treated as a bot
}

describe("a reader's complaint", () => {
  it("is acknowledged, stays private, and reaches the editors' queue", { timeout: 240_000 }, async () => {
    const {
      rows: [post],
    } = await client.query<{ id: string; slug: string; title: string }>(`SELECT id, slug, title FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" ASC LIMIT 1`);
    const marker = randomBytes(4).toString("hex");
    const name = `Pat Private-${marker}`;
    const email = `pat-${marker}@example.org`;

    const page = await browser.newPage();
    await page.goto(`${baseUrl()}/complaints`);
    await waitForFormToken(page);
    await page.getByLabel("Your name").fill(name);
    await page.getByLabel("Your email address").fill("not an address");
    await page.getByLabel("The post's address").fill(`${baseUrl()}/posts/${post.slug}`);
    await page.getByLabel("What it is about").selectOption("1");
    await page.getByLabel("What is wrong").fill(`The date of the hearing is wrong (${marker}).`);
    await page.getByLabel("What would put it right").fill("A correction.");
    await page.getByRole("button", { name: "Send the complaint" }).click();
    await page.getByRole("alert").getByText("Please correct the field marked below.").waitFor();
    expect(await page.locator("#email-error").textContent()).toBe("Enter a valid email address, like name@example.org.");
    expect(await page.getByLabel("Your email address").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Your name").inputValue()).toBe(name);
    expect(await page.getByLabel("What is wrong").inputValue()).toBe(`The date of the hearing is wrong (${marker}).`);
    expect(await page.getByLabel("What it is about").inputValue()).toBe("1");

    await page.getByLabel("Your email address").fill(email);
    await page.getByRole("button", { name: "Send the complaint" }).click();
    await page.getByRole("status").getByText("Thank you: your complaint has reached the editors.").waitFor({ timeout: 30_000 });
    expect(await page.getByLabel("Your name").inputValue()).toBe("");
    const {
      rows: [stored],
    } = await client.query<{ id: string; postId: string }>(`SELECT id, "postId" FROM "Complaint" WHERE email = $1`, [email]);
    expect(stored.postId).toBe(post.id);

    for (const path of [...(await everyKindOfReaderPage(client)), "/feed.xml", "/atom.xml", "/sitemap.xml", "/corrections/feed.xml", "/corrections/atom.xml"]) {
      const text = await (await fetch(`${baseUrl()}${path}`)).text();
      expect(text, path).not.toContain(email);
      expect(text, path).not.toContain(name);
    }

    const editor = await signedInPage(browser, client, "editor@docket.localhost");
    await editor.goto(`${baseUrl()}/admin/complaints`);
    const row = editor.getByRole("row").filter({ hasText: post.title }).first();
    await expect.poll(() => row.textContent()).toMatch(/Acknowledge by .* \(in 6 days\)/);
    await row.getByRole("link").click();
    await editor.getByRole("heading", { name: /^Complaint / }).waitFor();
    await expect.poll(() => editor.locator("dl").textContent()).toContain(email);
    await editor.getByRole("button", { name: "Resolve with a correction" }).click();
    await editor.waitForURL(new RegExp(`/admin/posts/${post.id}#corrections-heading$`));
    await editor.getByLabel("What was wrong, and what is right").waitFor();
    expect((await client.query(`SELECT status, outcome FROM "Complaint" WHERE id = $1`, [stored.id])).rows[0]).toEqual({ status: "RESOLVED", outcome: "CORRECTED" });
  });
});
