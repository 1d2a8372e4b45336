// The editor keeps every word, in Chromium against the production build: Tab in a table never leaves
// it (Escape then Tab does), typing after an image starts a new paragraph, switching views keeps undo,
// a save made offline is made when the connection returns (and says so), the toolbar fits a phone
// with every button in sight, and the heading buttons' names contain what they show.
import type pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
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

async function newDraft(title: string, options: { width?: number } = {}): Promise<{ page: Page; context: BrowserContext; postId: string }> {
  const page = await signedInPage(browser, client, "author@docket.localhost", options);
  const context = page.context();
  await page.goto(`${baseUrl()}/admin/posts`);
  await page.getByLabel("Start a new post").fill(title);
  await page.getByRole("button", { name: "Create draft" }).click();
  await page.waitForURL(/\/admin\/posts\/[a-z0-9]+$/);
  await editorText(page).waitFor();
  return { page, context, postId: page.url().split("/").at(-1)! };
}

const editorText = (page: Page) => page.getByRole("textbox", { name: "Text", exact: true });
const tool = (page: Page, name: string) => page.getByRole("toolbar", { name: "Formatting for text" }).getByRole("button", { name, exact: true });
const inEditor = (page: Page) => page.evaluate(() => Boolean(document.activeElement?.closest(".ProseMirror")));

async function storedMarkdown(postId: string): Promise<string> {
  return (await client.query<{ bodyMarkdown: string }>(`SELECT "bodyMarkdown" FROM "Post" WHERE id = $1`, [postId])).rows[0].bodyMarkdown;
}

async function markdownView(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Markdown", exact: true }).click();
  const value = await page.getByLabel("Text (markdown)").inputValue();
  await page.getByRole("button", { name: "Formatted", exact: true }).click();
  await editorText(page).waitFor();
  return value;
}

describe("the editor keeps every word", () => {
  it("adds a row at Tab in the last cell, and leaves the table at Escape then Tab", async () => {
    const { page, postId } = await newDraft("A table by keyboard");
    await editorText(page).click();
    await tool(page, "Table").click();
    for (const cell of ["Stage", "Who", "When", "Bail", "Court", "Day one", "Plea", "Court", "Week two"]) {
      await page.keyboard.type(cell);
      await page.keyboard.press("Tab");
    }
    // Tab in the last cell made a row: the words typed next land in it, not in the Category select.
    expect(await inEditor(page)).toBe(true);
    await page.keyboard.type("Trial");
    const categoryBefore = await page.getByLabel("Category", { exact: true }).inputValue();
    await page.keyboard.press("Escape");
    await page.getByRole("status").filter({ hasText: "Press Tab to leave the table, or Escape again for the toolbar." }).waitFor();
    await page.keyboard.press("Tab");
    expect(await inEditor(page)).toBe(false);
    expect(await page.getByLabel("Category", { exact: true }).inputValue()).toBe(categoryBefore);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => storedMarkdown(postId), { timeout: 20_000 }).toContain("| Trial |");
    const markdown = await storedMarkdown(postId);
    const rows = markdown.split("\n").filter((line) => line.startsWith("|") && !/^\| :?-/.test(line));
    expect(rows).toEqual(["| Stage | Who | When |", "| Bail | Court | Day one |", "| Plea | Court | Week two |", "| Trial | | |"]);
  });

  it("starts a new paragraph for words typed after an inserted image", async () => {
    const { page, postId } = await newDraft("An image, then words");
    await editorText(page).click();
    await page.keyboard.type("Before the image.");
    await page.keyboard.press("Enter");
    await tool(page, "Image").click();
    const dialog = page.getByRole("dialog", { name: "Add an image" });
    const picture = await sharp({ create: { width: 60, height: 40, channels: 3, background: "#4a7a2a" } }).png().toBuffer();
    await dialog.getByLabel(/Choose an image/).setInputFiles({ name: "yard.png", mimeType: "image/png", buffer: picture });
    await dialog.getByText("Uploaded.").waitFor({ timeout: 20_000 });
    await dialog.getByLabel(/alt text/).fill("The exercise yard");
    await dialog.getByLabel("Caption (optional)").fill("The yard at noon");
    await dialog.getByRole("button", { name: "Insert image" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.keyboard.type("After the image.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => storedMarkdown(postId), { timeout: 20_000 }).toContain("After the image.");
    expect(await storedMarkdown(postId)).toMatch(/^Before the image\.\n\n!\[The exercise yard\]\(\/uploads\/[^ )]+ "The yard at noon"\)\n\nAfter the image\.$/);
  });

  it("keeps the undo history when switching to the markdown view and back", async () => {
    const { page } = await newDraft("Undo across views");
    await editorText(page).click();
    await page.keyboard.type("First sentence.");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Second sentence.");
    expect(await markdownView(page)).toBe("First sentence.\n\nSecond sentence.");
    // An edit in the markdown view is one step back too.
    await page.getByRole("button", { name: "Markdown", exact: true }).click();
    await page.getByLabel("Text (markdown)").fill("First sentence.\n\nSecond sentence.\n\nAdded in markdown.");
    await page.getByRole("button", { name: "Formatted", exact: true }).click();
    await editorText(page).getByText("Added in markdown.").waitFor();
    await editorText(page).click();
    await page.keyboard.press("Control+z");
    await expect.poll(() => editorText(page).textContent()).toBe("First sentence.Second sentence.");
    // What was typed before the switch can still be undone, back to the empty draft.
    expect(await tool(page, "Undo").getAttribute("aria-disabled")).toBeNull();
    for (let step = 0; step < 20 && (await editorText(page).textContent()) !== ""; step++) await page.keyboard.press("Control+z");
    expect(await editorText(page).textContent()).toBe("");
  });

  it("saves what was typed offline when the connection returns, and says so", async () => {
    const { page, context, postId } = await newDraft("Written on a train");
    await editorText(page).click();
    await page.keyboard.type("Typed with the connection on.");
    await page.getByRole("status").filter({ hasText: /^Saved at/ }).first().waitFor({ timeout: 20_000 });
    await context.setOffline(true);
    await page.keyboard.type(" Typed in a tunnel.");
    await page.getByRole("status").filter({ hasText: "Not saved: the server cannot be reached." }).first().waitFor({ timeout: 20_000 });
    expect(await storedMarkdown(postId)).toBe("Typed with the connection on.");
    const copy = await page.evaluate((id) => JSON.parse(localStorage.getItem(`docket:post-draft:${id}`) ?? "{}"), postId);
    expect(copy).toMatchObject({ dirty: true, fields: { bodyMarkdown: "Typed with the connection on. Typed in a tunnel." } });
    await context.setOffline(false);
    await page.getByRole("status").filter({ hasText: /^Saved at \d\d:\d\d, when the connection came back\.$/ }).first().waitFor({ timeout: 30_000 });
    expect(await storedMarkdown(postId)).toBe("Typed with the connection on. Typed in a tunnel.");
  });

  it("shows every toolbar button on a 375 px phone, and names the heading buttons by what they show", async () => {
    const { page } = await newDraft("On a phone", { width: 375 });
    const toolbar = page.getByRole("toolbar", { name: "Formatting for text" });
    await toolbar.waitFor();
    const buttons = await toolbar.getByRole("button").all();
    expect(buttons.length).toBeGreaterThanOrEqual(14);
    for (const button of buttons) {
      const box = await button.boundingBox();
      expect(box, await button.getAttribute("aria-label") ?? "").not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    }
    const rows = await toolbar.locator("div").evaluateAll((elements) => elements.map((element) => element.scrollWidth - element.clientWidth));
    expect(rows.every((hidden) => hidden <= 0)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(375);
    for (const [name, shown] of [["H2 heading", "H2"], ["H3 subheading", "H3"]]) {
      const button = tool(page, name);
      expect((await button.textContent())?.trim()).toBe(shown);
      expect(await button.getAttribute("aria-label")).toContain(shown);
    }
  });
});
