// An editor runs the site's taxonomy from the admin in Chromium: creates a series with a cover, a
// sponsored category with a logo and dates, puts a post in both, renames a tag; a signed-out reader
// sees each on the next request; then the slugs change and the old addresses answer 308.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromLondonLocal, toLondonLocal } from "@/lib/london-time";
import { baseUrl, connectToTestDatabase, openBrowser } from "../helpers/e2e";

let browser: Browser;
let client: pg.Client;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await openBrowser();
  client = await connectToTestDatabase();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await client?.end();
});

const marker = randomBytes(3).toString("hex");

/** A signed-in editor's session, made directly in the database: sign-in by email has its own tests. */
async function editorPage(): Promise<Page> {
  const token = randomBytes(24).toString("hex");
  await client.query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires)
     SELECT $1, $2, id, now() + interval '1 hour' FROM "User" WHERE role = 'EDITOR' ORDER BY "createdAt" LIMIT 1`,
    [`taxonomy-${marker}`, token],
  );
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseUrl() }]);
  return context.newPage();
}

async function fetchPage(path: string): Promise<{ status: number; text: string; location: string | null; cacheControl: string }> {
  const response = await fetch(`${baseUrl()}${path}`, { redirect: "manual" });
  return {
    status: response.status,
    text: (await response.text()).replaceAll("<!-- -->", ""),
    // Next may repeat the header on a page's first render; every copy names the same place.
    location: response.headers.get("location")?.split(", ")[0] ?? null,
    cacheControl: response.headers.get("cache-control") ?? "",
  };
}

async function expectPermanentRedirect(from: string, to: string) {
  const response = await fetchPage(from);
  expect(response.status, from).toBe(308);
  expect(new URL(response.location!, baseUrl()).pathname, from).toBe(to);
}

function image(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 200, channels: 3, background: colour } }).png().toBuffer();
}

/** Next keeps the page navigated away from in the document, hidden: only visible fields are this page's. */
async function upload(page: Page, colour: string) {
  await page.locator('input[type="file"]:visible').setInputFiles({ name: "picture.png", mimeType: "image/png", buffer: await image(colour) });
  await page.locator("img.cover-thumb:visible").waitFor();
}

const londonDay = (offsetDays: number) => toLondonLocal(new Date(Date.now() + offsetDays * 24 * 60 * 60 * 1000)).slice(0, 10);

/** Seconds until midnight London time at the start of the given London day. */
function secondsUntilLondonMidnight(day: string): number {
  return (fromLondonLocal(`${day}T00:00`).getTime() - Date.now()) / 1000;
}

describe("the taxonomy admin", () => {
  it("keeps a page with a sponsor block that starts tomorrow cached only until it starts", async () => {
    const id = `sponsor-soon-${marker}`;
    const [author] = (await client.query<{ id: string }>(`SELECT id FROM "AuthorProfile" ORDER BY "createdAt" LIMIT 1`)).rows;
    await client.query(
      `INSERT INTO "Category" (id, slug, name, "sponsorName", "sponsorText", "sponsorStartsOn") VALUES ($1, $1, $2, 'Soon Trust', $3, $4)`,
      [id, `Sponsor soon ${marker}`, `Sponsored soon by Soon Trust ${marker}.`, londonDay(1)],
    );
    await client.query(
      `INSERT INTO "Post" (id, slug, title, status, "publishedAt", "updatedAt", "categoryId") VALUES ($1, $1, $2, 'PUBLISHED', now() - interval '5001 days', now(), $1)`,
      [id, `Sponsor soon post ${marker}`],
    );
    await client.query(`INSERT INTO "PostAuthor" ("postId", "profileId", position) VALUES ($1, $2, 0)`, [id, author.id]);
    const untilStart = secondsUntilLondonMidnight(londonDay(1));
    for (const path of [`/categories/${id}`, `/posts/${id}`]) {
      const page = await fetchPage(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).not.toContain(`Sponsored soon by Soon Trust ${marker}.`);
      // The page lives until the block's first day begins (Next keeps a static page five minutes at least), not a whole day.
      const lifetime = page.cacheControl.match(/s-maxage=(\d+), stale-while-revalidate=(\d+)/);
      expect(lifetime, `${path}: ${page.cacheControl}`).not.toBeNull();
      expect(Number(lifetime![1]) + Number(lifetime![2]), `${path}: ${page.cacheControl}`).toBeLessThanOrEqual(Math.max(300, untilStart) + 5);
    }
  });


  it("an editor's series, sponsored category and tag rename reach signed-out readers on the next request; old slugs redirect", { timeout: 240_000 }, async () => {
    // A published post of the demo content's, far in the past so it changes no other page, with a tag of its own.
    const postSlug = `taxonomy-${marker}`;
    const [author] = (await client.query<{ id: string }>(`SELECT id FROM "AuthorProfile" ORDER BY "createdAt" LIMIT 1`)).rows;
    await client.query(
      `INSERT INTO "Post" (id, slug, title, "bodyMarkdown", "bodyHtml", excerpt, status, "publishedAt", "updatedAt")
       VALUES ($1, $1, $2, 'Nights on the wing.', '<p>Nights on the wing.</p>', 'Nights on the wing.', 'PUBLISHED', now() - interval '5000 days', now())`,
      [postSlug, `Night shift diary ${marker}`],
    );
    await client.query(`INSERT INTO "PostAuthor" ("postId", "profileId", position) VALUES ($1, $2, 0)`, [postSlug, author.id]);
    await client.query(`INSERT INTO "Tag" (id, slug, name) VALUES ($1, $1, $2)`, [`night-shifts-${marker}`, `Night shifts ${marker}`]);
    await client.query(`INSERT INTO "PostTag" ("postId", "tagId") VALUES ($1, $2)`, [postSlug, `night-shifts-${marker}`]);

    const editor = await editorPage();

    // A series with a markdown description and a cover.
    const seriesTitle = `Inside Out ${marker}`;
    await editor.goto(`${baseUrl()}/admin/series/new`);
    await editor.getByLabel("Title").fill(seriesTitle);
    await editor.getByLabel("Description (markdown)").fill(`Officers and prisoners on **the same wing**, ${marker}.`);
    await editor.getByRole("button", { name: "Create series" }).click();
    await editor.waitForURL(/\/admin\/series\/[a-z0-9]+\?created=1$/);
    await editor.getByText("Series created.").waitFor();
    // Next keeps the page it left in the document, hidden, with the same field ids: start clean.
    await editor.reload();
    const seriesSlug = `inside-out-${marker}`;
    expect(await editor.getByLabel("Slug").inputValue()).toBe(seriesSlug);
    await upload(editor, "#2b5f8a");
    await editor.getByRole("button", { name: "Save series" }).click();
    // A cover needs its description: refused, with everything typed kept.
    await editor.getByText("Describe the cover image for readers who cannot see it.").first().waitFor();
    expect(await editor.getByLabel("Title").inputValue()).toBe(seriesTitle);
    expect(await editor.locator("img.cover-thumb:visible").count()).toBe(1);
    await editor.getByLabel("Image description (alt text)").fill("A landing on a prison wing");
    await editor.getByRole("button", { name: "Save series" }).click();
    await editor.getByText("Series saved.").waitFor();

    // A sponsored category with a logo, running from yesterday to tomorrow (London days).
    const categoryName = `Custody ${marker}`;
    const categorySlug = `custody-${marker}`;
    await editor.goto(`${baseUrl()}/admin/categories/new`);
    await editor.getByLabel("Name", { exact: true }).fill(categoryName);
    await editor.getByLabel("Sponsor’s name").fill("Keyworker Trust");
    await editor.getByLabel("Sponsor’s link").fill("https://keyworker.example.org");
    await editor.getByLabel("The line shown").fill(`Custody posts are sponsored by Keyworker Trust ${marker}.`);
    await editor.getByLabel("Strapline (optional)").fill("Training for custody staff since 1998");
    await upload(editor, "#f2c14e");
    await editor.getByLabel("Image description (alt text)").fill("Keyworker Trust");
    await editor.getByLabel("First day").fill(londonDay(-1));
    await editor.getByLabel("Last day").fill(londonDay(1));
    await editor.getByRole("button", { name: "Create category" }).click();
    await editor.waitForURL(/\/admin\/categories\/[a-z0-9]+\?created=1$/);
    const categoryAdminUrl = editor.url().replace(/\?.*$/, "");

    // The post goes into both, from the post editor: a published post's change reaches readers with Update.
    await editor.goto(`${baseUrl()}/admin/posts/${postSlug}`);
    await editor.getByLabel("Category", { exact: true }).selectOption({ label: categoryName });
    await editor.getByLabel("Series", { exact: true }).selectOption({ label: seriesTitle });
    await editor.getByRole("button", { name: "Save", exact: true }).click();
    await editor.getByRole("status").filter({ hasText: /^(Saved at|All changes saved)/ }).first().waitFor({ timeout: 20_000 });
    await editor.getByRole("button", { name: "Update", exact: true }).click();
    await editor.getByText("Updated: readers now see this version.").waitFor({ timeout: 20_000 });

    // A signed-out reader, on the next request.
    const seriesPage = await fetchPage(`/series/${seriesSlug}`);
    expect(seriesPage.status).toBe(200);
    expect(seriesPage.text).toContain(`<h1>${seriesTitle}</h1>`);
    expect(seriesPage.text).toContain("<strong>the same wing</strong>");
    expect(seriesPage.text).toMatch(/<img src="\/uploads\/[^"]+" alt="A landing on a prison wing"/);
    expect((await fetchPage("/series")).text).toContain(seriesTitle);

    const categoryPage = await fetchPage(`/categories/${categorySlug}`);
    expect(categoryPage.status).toBe(200);
    expect(categoryPage.text).toContain(`Custody posts are sponsored by Keyworker Trust ${marker}.`);
    expect(categoryPage.text).toContain("Training for custody staff since 1998");
    expect(categoryPage.text).toMatch(/<img class="sponsor__logo" src="\/uploads\/[^"]+" alt="Keyworker Trust"/);
    expect(categoryPage.text).toContain('<a href="https://keyworker.example.org" rel="sponsored noopener">Visit Keyworker Trust</a>');

    const postPage = await fetchPage(`/posts/${postSlug}`);
    expect(postPage.text).toContain(`Custody posts are sponsored by Keyworker Trust ${marker}.`);
    expect(postPage.text).toMatch(new RegExp(`This is the 1st post in the <a href="/series/${seriesSlug}">${seriesTitle}</a> series`));
    expect((await fetchPage(`/tags/night-shifts-${marker}`)).status).toBe(200);

    // The editor renames the tag and changes the series' and the category's addresses.
    await editor.goto(`${baseUrl()}/admin/tags`);
    await editor.getByRole("link", { name: `Night shifts ${marker}` }).click();
    await editor.getByLabel("Name").fill(`Night work ${marker}`);
    await editor.getByLabel("Slug").fill(`night-work-${marker}`);
    await editor.getByRole("button", { name: "Rename tag" }).click();
    await editor.getByText(`Tag saved as “Night work ${marker}”.`).waitFor();

    await editor.goto(`${baseUrl()}/admin/series`);
    await editor.getByRole("link", { name: seriesTitle }).click();
    await editor.getByLabel("Slug").fill(`inside-and-out-${marker}`);
    await editor.getByRole("radio", { name: /Finished/ }).check();
    await editor.getByRole("button", { name: "Save series" }).click();
    await editor.getByText(`Its old address, /series/${seriesSlug}, now redirects to the new one.`).waitFor();

    await editor.goto(categoryAdminUrl);
    await editor.getByLabel("Slug").fill(`custody-suites-${marker}`);
    await editor.getByRole("button", { name: "Save category" }).click();
    await editor.getByText(`Its old address, /categories/${categorySlug}, now redirects to the new one.`).waitFor();

    // Old addresses the reader already fetched now answer 308 to the new ones; the new ones show the changes.
    await expectPermanentRedirect(`/series/${seriesSlug}`, `/series/inside-and-out-${marker}`);
    await expectPermanentRedirect(`/series/${seriesSlug}/feed.xml`, `/series/inside-and-out-${marker}/feed.xml`);
    await expectPermanentRedirect(`/categories/${categorySlug}`, `/categories/custody-suites-${marker}`);
    await expectPermanentRedirect(`/categories/${categorySlug}/atom.xml`, `/categories/custody-suites-${marker}/atom.xml`);
    await expectPermanentRedirect(`/tags/night-shifts-${marker}`, `/tags/night-work-${marker}`);
    expect((await fetchPage(`/tags/night-work-${marker}`)).text).toContain(`<h1>Night work ${marker}</h1>`);
    const finished = await fetchPage(`/series/inside-and-out-${marker}`);
    expect(finished.text).toContain("Finished series");
    const renamedPost = await fetchPage(`/posts/${postSlug}`);
    expect(renamedPost.text).toContain(`href="/tags/night-work-${marker}"`);
    expect(renamedPost.text).toContain(`href="/categories/custody-suites-${marker}"`);
    expect(renamedPost.text).toContain("series, now finished.");

    // In a browser, the old address lands on the new page.
    const reader = await browser.newContext({ javaScriptEnabled: false });
    contexts.push(reader);
    const readerPage = await reader.newPage();
    await readerPage.goto(`${baseUrl()}/series/${seriesSlug}`);
    expect(new URL(readerPage.url()).pathname).toBe(`/series/inside-and-out-${marker}`);
    await expect(readerPage.locator("h1").textContent()).resolves.toBe(seriesTitle);
  });
});
