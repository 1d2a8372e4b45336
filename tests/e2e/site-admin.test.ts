// Running the site from the admin, in Chromium against the production build and the worker: an editor
// writes an About page with a download, an admin puts it in the header menu and renames the site, and
// a signed-out reader sees all of it on the next request; the icon is served; the worker follows a
// new digest time without a restart.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, connectToTestDatabase, markdownField, openBrowser } from "../helpers/e2e";

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

/** A browser signed in as the demo user with `role`: a session made in the database (sign-in by email has its own tests). */
async function signedInPage(role: "ADMIN" | "EDITOR"): Promise<Page> {
  const token = randomBytes(24).toString("hex");
  await client.query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires)
     SELECT $1, $2, id, now() + interval '1 hour' FROM "User" WHERE role = $3 ORDER BY "createdAt" LIMIT 1`,
    [`site-${token.slice(0, 8)}`, token, role],
  );
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseUrl() }]);
  return context.newPage();
}

async function readerPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

const guidePdf = () => readFile(path.join(import.meta.dirname, "../fixtures/documents/guide.pdf"));

describe("running the site from the admin", () => {
  it("an editor writes a page with a download, an admin puts it in the header menu and renames the site; a signed-out reader sees it all", async () => {
    const reader = await readerPage();
    await reader.goto(`${baseUrl()}/`);
    const oldName = (await reader.locator(".masthead__name").innerText()).trim();
    expect(await reader.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "About the editors" }).count()).toBe(0);

    // The editor writes the page and publishes it.
    const editor = await signedInPage("EDITOR");
    await editor.goto(`${baseUrl()}/admin/pages`);
    await editor.getByLabel("Start a new page").fill("About the editors");
    await editor.getByRole("button", { name: "Create page" }).click();
    await editor.waitForURL(/\/admin\/pages\/[^/]+$/);
    expect(await editor.locator("#slug").inputValue()).toBe("about-the-editors");
    await editor.getByLabel("Description", { exact: true }).fill("Who reads your drafts, and how to reach them.");
    await (await markdownField(editor)).fill("We are **three volunteers** who read every draft.\n\n## How to reach us\n\nWrite to the editors.");
    await editor.getByTestId("preview").locator("strong", { hasText: "three volunteers" }).waitFor();
    await editor.getByRole("button", { name: "Save", exact: true }).click();
    await editor.getByRole("status").filter({ hasText: /^Saved at/ }).waitFor();

    await editor.getByLabel("Title shown to readers").fill("Guide for contributors");
    await editor.getByLabel("File", { exact: true }).setInputFiles({ name: "contributor-guide.pdf", mimeType: "application/pdf", buffer: await guidePdf() });
    await editor.getByRole("button", { name: "Upload and add" }).click();
    await editor.getByRole("status").filter({ hasText: "“Guide for contributors” added." }).waitFor();
    await editor.getByRole("link", { name: "Guide for contributors" }).waitFor();

    // A program renamed .pdf is refused, with the reason.
    await editor.getByLabel("File", { exact: true }).setInputFiles({ name: "not-really.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ this is a program") });
    await editor.getByRole("button", { name: "Upload and add" }).click();
    await editor.getByRole("alert").filter({ hasText: "The file's name ends in .pdf, but its contents are not in that format." }).waitFor();

    await editor.getByRole("button", { name: "Publish" }).click();
    await editor.getByText("Published at /about-the-editors.").waitFor();

    // The admin puts it in the header menu, moves it up one place, and renames the site.
    const admin = await signedInPage("ADMIN");
    await admin.goto(`${baseUrl()}/admin/menus`);
    const header = admin.getByRole("region", { name: "Header menu" });
    await header.getByLabel("Links to").last().selectOption({ label: "About the editors" });
    await header.getByRole("button", { name: "Add to the menu" }).click();
    await header.getByText("“About the editors” added to the header menu.").waitFor();
    const moveUp = header.getByRole("button", { name: "Move “About the editors” up" });
    await moveUp.focus();
    await admin.keyboard.press("Enter");
    await header.locator(".menu-item").nth(2).locator("strong", { hasText: "About the editors" }).waitFor();
    expect(await header.locator(".menu-item strong").allInnerTexts()).toEqual(["Latest", "Series", "About the editors", "Search"]);
    expect(await admin.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Move “About the editors” up");

    const newName = `The Docket Desk ${randomBytes(2).toString("hex")}`;
    await admin.goto(`${baseUrl()}/admin/settings`);
    await admin.getByLabel("Name", { exact: true }).fill(newName);
    await admin.getByLabel("Tagline").fill("Justice, written from the inside");
    await admin.getByRole("button", { name: "Save settings" }).click();
    await admin.getByText("Settings saved: readers see them now.").waitFor();

    // A signed-out reader, on the next request.
    await reader.goto(`${baseUrl()}/`);
    expect((await reader.locator(".masthead__name").innerText()).trim()).toBe(newName);
    expect(newName).not.toBe(oldName);
    expect(await reader.title()).toBe(`${newName}: Justice, written from the inside`);
    const siteNav = reader.getByRole("navigation", { name: "Site" });
    expect(await siteNav.getByRole("link").allInnerTexts()).toEqual(["Latest", "Series", "About the editors", "Search"]);
    await siteNav.getByRole("link", { name: "About the editors" }).click();
    await reader.waitForURL(`${baseUrl()}/about-the-editors`);
    expect(await reader.getByRole("heading", { level: 1 }).innerText()).toBe("About the editors");
    expect(await reader.locator(".prose strong").innerText()).toBe("three volunteers");
    expect(await reader.locator('link[rel="canonical"]').getAttribute("href")).toBe(`${baseUrl()}/about-the-editors`);
    expect(await reader.locator('meta[name="description"]').getAttribute("content")).toBe("Who reads your drafts, and how to reach them.");
    expect(await reader.locator('meta[property="og:site_name"]').getAttribute("content")).toBe(newName);

    const download = reader.getByRole("link", { name: "Guide for contributors" });
    const response = await reader.request.get(`${baseUrl()}${await download.getAttribute("href")}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toBe("attachment; filename=contributor-guide.pdf");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.from(await response.body())).toEqual(await guidePdf());

    // The new name reaches the feed and the sitemap lists the page.
    expect(await (await reader.request.get(`${baseUrl()}/feed.xml`)).text()).toContain(`<title>${newName}</title>`);
    expect(await (await reader.request.get(`${baseUrl()}/sitemap.xml`)).text()).toContain(`${baseUrl()}/about-the-editors`);
  });

  it("refuses a page address Docket uses, keeping what was typed", async () => {
    const editor = await signedInPage("EDITOR");
    await editor.goto(`${baseUrl()}/admin/pages`);
    await editor.getByLabel("Start a new page").fill("Reserved address test");
    await editor.getByRole("button", { name: "Create page" }).click();
    await editor.waitForURL(/\/admin\/pages\/[^/]+$/);
    await editor.locator("#slug").fill("admin");
    await (await markdownField(editor)).fill("Text I do not want to lose.");
    await editor.getByRole("button", { name: "Save", exact: true }).click();
    await editor.getByRole("alert").filter({ hasText: "“/admin” is one of Docket's own addresses." }).first().waitFor();
    expect(await (await markdownField(editor)).inputValue()).toBe("Text I do not want to lose.");
  });
});

describe("the site's icon", () => {
  it("answers /favicon.ico and /apple-touch-icon.png, and a page view has no failed request or console error", async () => {
    const favicon = await fetch(`${baseUrl()}/favicon.ico`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get("content-type")).toBe("image/x-icon");
    expect(Buffer.from(await favicon.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    const touch = await fetch(`${baseUrl()}/apple-touch-icon.png`);
    expect(touch.status).toBe(200);
    expect(touch.headers.get("content-type")).toBe("image/png");
    expect((await fetch(`${baseUrl()}/icon.svg`)).status).toBe(200);

    const page = await readerPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${baseUrl()}/`, { waitUntil: "networkidle" });
    expect(await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((link) => link.getAttribute("href")))).toEqual(["/favicon.ico", "/icon.svg"]);
    expect(problems).toEqual([]);
  });
});

describe("the digest's time", () => {
  it("is followed by the running worker within a minute of a change in the settings", async () => {
    const admin = await signedInPage("ADMIN");
    await admin.goto(`${baseUrl()}/admin/settings`);
    await admin.getByLabel("Time", { exact: true }).fill("04:35");
    await admin.getByLabel("Time zone").selectOption("Asia/Tokyo");
    await admin.getByRole("button", { name: "Save settings" }).click();
    await admin.getByText("The digest's new time applies within a minute.").waitFor();
    let schedule: { cron: string; timezone: string } | undefined;
    for (let attempt = 0; attempt < 60; attempt++) {
      [schedule] = (await client.query<{ cron: string; timezone: string }>(`SELECT cron, timezone FROM pgboss.schedule WHERE name = 'digest'`)).rows;
      if (schedule?.cron === "35 4 * * *") break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    expect(schedule).toEqual({ cron: "35 4 * * *", timezone: "Asia/Tokyo" });
  }, 150_000);
});
