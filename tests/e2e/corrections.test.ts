// A correction in Chromium against the production build: an editor adds one to a published post and
// presses Update; the post page shows it above the body (its title unchanged), /corrections lists it,
// the post's Atom entry has a newer `updated` and the note, and the page's JSON-LD carries it.
import { XMLParser } from "fast-xml-parser";
import type pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, connectToTestDatabase, openBrowser, signedInPage } from "../helpers/e2e";

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

const fetchText = async (path: string) => (await fetch(`${baseUrl()}${path}`)).text();
const atom = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

type AtomEntry = { link: { "@href": string }; updated: string; title: string; content: { "#text": string } };

async function atomEntryFor(slug: string): Promise<AtomEntry> {
  const entries = [atom.parse(await fetchText("/atom.xml")).feed.entry].flat() as AtomEntry[];
  return entries.find((entry) => entry.link["@href"].endsWith(`/posts/${slug}`))!;
}

describe("a correction", () => {
  it("reaches the post page above the body, /corrections, the Atom entry and JSON-LD once the editor presses Update", { timeout: 240_000 }, async () => {
    const {
      rows: [post],
    } = await client.query<{ id: string; slug: string; title: string }>(
      `SELECT id, slug, title FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`,
    );
    const text = `We said the hearing was on Monday; it was on Tuesday (${Date.now()}).`;
    const entryBefore = await atomEntryFor(post.slug);
    expect(entryBefore).toBeDefined();

    const editor = await signedInPage(browser, client, "editor@docket.localhost");
    await editor.goto(`${baseUrl()}/admin/posts/${post.id}`);
    await editor.getByLabel("What was wrong, and what is right").fill(text);
    await editor.getByRole("button", { name: "Add to the working copy" }).click();
    await editor.getByText("Correction added to the working copy. Readers see it once you press Update.").waitFor({ timeout: 30_000 });
    await editor.getByText("waiting for Update").waitFor();
    // Not public yet: readers get the post as it was.
    expect(await fetchText(`/posts/${post.slug}`)).not.toContain(text);

    await editor.getByRole("button", { name: "Update: publish the working copy" }).click();
    await editor.getByText("Updated: readers now see this version.").waitFor({ timeout: 30_000 });
    const pressed = Date.now();
    await expect.poll(async () => (await fetchText(`/posts/${post.slug}`)).includes(text), { timeout: 60_000 }).toBe(true);
    console.log(`The correction was on the post page ${Date.now() - pressed} ms after the Update was confirmed.`);

    const reader = await browser.newPage();
    await reader.goto(`${baseUrl()}/posts/${post.slug}`);
    expect(await reader.title()).toContain(post.title);
    const notice = reader.getByRole("complementary", { name: "Corrected since publication" });
    await expect.poll(() => notice.textContent()).toContain(text);
    const noticeBeforeBody = await reader.evaluate(() => {
      const aside = document.querySelector("#corrections");
      const body = document.querySelector(".prose");
      return Boolean(aside && body && aside.compareDocumentPosition(body) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(noticeBeforeBody).toBe(true);

    const ld = await reader.evaluate(() => [...document.querySelectorAll('script[type="application/ld+json"]')].map((script) => JSON.parse(script.textContent ?? "null")));
    const article = ld.flat().find((item: { "@type"?: string }) => item["@type"] === "BlogPosting");
    expect(article.headline).toBe(post.title);
    expect(article.correction).toEqual([expect.objectContaining({ "@type": "CorrectionComment", text: `Correction: ${text}` })]);
    expect(new Date(article.dateModified).getTime()).toBeGreaterThanOrEqual(new Date(article.correction[0].datePublished).getTime());

    await expect.poll(async () => (await fetchText("/corrections")).includes(text), { timeout: 60_000 }).toBe(true);
    await reader.goto(`${baseUrl()}/corrections`);
    await reader.getByRole("link", { name: post.title }).first().waitFor();
    expect(await fetchText("/corrections/atom.xml")).toContain(text);

    await expect.poll(async () => (await atomEntryFor(post.slug)).content["#text"].includes(text), { timeout: 60_000 }).toBe(true);
    const entryAfter = await atomEntryFor(post.slug);
    expect(new Date(entryAfter.updated).getTime()).toBeGreaterThan(new Date(entryBefore.updated).getTime());
    expect(entryAfter.title).toBe(entryBefore.title);
  });
});
