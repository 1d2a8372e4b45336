// The rich-text editor in Chromium against the production build: a guest writes with the toolbar
// and shortcuts only, pastes a formatted document and images, submits, and an editor sees the same
// content; the toolbar by keyboard alone; the markdown view both ways; opening a post changes
// nothing; and reader pages load none of the editor's JavaScript.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPostMarkdown } from "@/lib/markdown";
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

/** A signed-in session made directly in the database: sign-in by email has its own tests. */
async function pageSignedInAs(email: string, options: { width?: number } = {}): Promise<Page> {
  const token = randomBytes(24).toString("hex");
  await client.query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires) SELECT $1, $2, id, now() + interval '1 hour' FROM "User" WHERE email = $3`,
    [`rich-${token.slice(0, 8)}`, token, email],
  );
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } });
  contexts.push(context);
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseUrl() }]);
  return context.newPage();
}

const editorText = (page: Page) => page.getByRole("textbox", { name: "Text", exact: true });
const toolbar = (page: Page) => page.getByRole("toolbar", { name: "Formatting for text" });
const tool = (page: Page, name: string) => toolbar(page).getByRole("button", { name, exact: true });

async function openEditor(page: Page, postId: string) {
  await page.goto(`${baseUrl()}/admin/posts/${postId}`);
  await editorText(page).waitFor();
}

async function storedMarkdown(postId: string): Promise<string> {
  const { rows } = await client.query<{ bodyMarkdown: string }>(`SELECT "bodyMarkdown" FROM "Post" WHERE id = $1`, [postId]);
  return rows[0].bodyMarkdown;
}

async function waitForSaved(page: Page) {
  await page.getByRole("status").filter({ hasText: /^Saved at/ }).first().waitFor({ timeout: 20_000 });
}

/** Pastes as another program would: an HTML flavour and a plain-text one, or files. */
async function paste(page: Page, content: { html?: string; text?: string; png?: number[] }) {
  await page.locator(".ProseMirror").evaluate((target, { html, text, png }) => {
    const data = new DataTransfer();
    if (html) data.setData("text/html", html);
    if (text) data.setData("text/plain", text);
    if (png) data.items.add(new File([new Uint8Array(png)], "pasted.png", { type: "image/png" }));
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, content);
}

const samplePng = (colour: string) => sharp({ create: { width: 60, height: 40, channels: 3, background: colour } }).png().toBuffer();

async function describeImage(page: Page, alt: string, caption: string) {
  const dialog = page.getByRole("dialog", { name: "Add an image" });
  await dialog.getByText("Uploaded.").waitFor({ timeout: 20_000 });
  await dialog.getByLabel(/alt text/).fill(alt);
  await dialog.getByLabel("Caption (optional)").fill(caption);
  await dialog.getByRole("button", { name: "Insert image" }).click();
  await dialog.waitFor({ state: "hidden" });
}

describe("rich-text editor", () => {
  it("lets a guest write with the toolbar and shortcuts, paste a document and images, and submit; the editor sees the same", { timeout: 240_000 }, async () => {
    const guest = await pageSignedInAs("guest@docket.localhost");
    await guest.goto(`${baseUrl()}/admin/posts`);
    await guest.getByLabel("Start a new post").fill("What the first fortnight needs");
    await guest.getByRole("button", { name: "Create draft" }).click();
    await guest.waitForURL(/\/admin\/posts\/[a-z0-9]+$/);
    const postId = guest.url().split("/").at(-1)!;
    await editorText(guest).waitFor();
    await editorText(guest).click();
    const keyboard = guest.keyboard;

    // Markdown shortcuts as one types.
    await keyboard.type("## The first days\n");
    await keyboard.type("Release is **the start** of the work, and *nobody* does it alone. Thanks @SamWhitlow #reentry\n");
    await keyboard.type("- housing\nbenefits\ncontact\n\n");
    await keyboard.type("1. an address\na bank account\n\n");
    await keyboard.type("> Plan the first week before the gate.\n\n");

    // Keyboard shortcuts: bold, italic, a link.
    await keyboard.type("Call ");
    await keyboard.press("Control+b");
    await keyboard.type("the duty officer");
    await keyboard.press("Control+b");
    await keyboard.type(" or read ");
    await keyboard.press("Control+i");
    await keyboard.type("the guide");
    await keyboard.press("Control+i");
    await keyboard.type(" at ");
    await keyboard.press("Control+k");
    const linkDialog = guest.getByRole("dialog", { name: "Add a link" });
    await linkDialog.getByLabel("Text to show").fill("Citizens Advice");
    await linkDialog.getByLabel("Address").fill("www.citizensadvice.org.uk");
    await linkDialog.getByLabel("Address").press("Enter");
    await linkDialog.waitFor({ state: "hidden" });
    await keyboard.type(".");

    // The toolbar: a subheading, a footnote, a table and a divider.
    await keyboard.press("Enter");
    await tool(guest, "H3 subheading").click();
    expect(await tool(guest, "H3 subheading").getAttribute("aria-pressed")).toBe("true");
    await keyboard.type("Sources\n");
    expect(await tool(guest, "H3 subheading").getAttribute("aria-pressed")).toBe("false");
    await keyboard.type("Most recalls happen early");
    await tool(guest, "Footnote").click();
    await keyboard.type("In the figures we have seen.");
    await editorText(guest).locator("p", { hasText: "Most recalls happen early" }).click();
    await keyboard.press("End");
    await keyboard.type(". What helps:");
    await keyboard.press("Enter");
    await tool(guest, "Table").click();
    for (const cell of ["Need", "Who helps", "When", "Housing", "Council", "Day one"]) {
      await keyboard.type(cell);
      await keyboard.press("Tab");
    }
    expect(await tool(guest, "Add row").isVisible()).toBe(true);

    // A formatted document pasted from another program becomes markdown (on the server).
    await editorText(guest).locator("p", { hasText: "Release is" }).click();
    await keyboard.press("End");
    await keyboard.press("Enter");
    await paste(guest, {
      html: '<meta charset="utf-8"><h2>Pasted notes</h2><p>Bring <strong>photo ID</strong> and <a href="https://example.org/letter">the letter</a>.</p><ul><li>first pasted point</li><li>second pasted point</li></ul>',
      text: "Pasted notes\nBring photo ID and the letter.\nfirst pasted point\nsecond pasted point",
    });
    await guest.getByRole("status").filter({ hasText: "Pasted with its formatting." }).waitFor({ timeout: 20_000 });

    // Images: one chosen from the toolbar, one pasted; each asks for a description.
    await tool(guest, "Image").click();
    await guest.getByRole("dialog", { name: "Add an image" }).getByLabel(/Choose an image/).setInputFiles({ name: "gate.png", mimeType: "image/png", buffer: await samplePng("#7a4a2a") });
    await describeImage(guest, "The gate of a prison at dawn", "The gate, 6 a.m.");
    await paste(guest, { png: [...(await samplePng("#2a4a7a"))] });
    await describeImage(guest, "A bus timetable on a shelter wall", "");

    await editorText(guest).locator("p", { hasText: "Release is" }).click();
    await guest.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => storedMarkdown(postId), { timeout: 20_000 }).toContain("A bus timetable on a shelter wall");
    const stored = await storedMarkdown(postId);
    for (const expected of [
      "## The first days",
      "Release is **the start** of the work, and *nobody* does it alone. Thanks @SamWhitlow #reentry",
      "- housing\n- benefits\n- contact",
      "1. an address\n2. a bank account",
      "> Plan the first week before the gate.",
      "Call **the duty officer** or read *the guide* at [Citizens Advice](https://www.citizensadvice.org.uk).",
      "### Sources",
      "Most recalls happen early[^1]. What helps:",
      "| Need | Who helps | When |",
      "| Housing | Council | Day one |",
      "[^1]: In the figures we have seen.",
      "Pasted notes",
      "**photo ID**",
      "[the letter](https://example.org/letter)",
      "- first pasted point\n- second pasted point",
    ]) {
      expect(stored).toContain(expected);
    }
    expect(stored).toMatch(/!\[The gate of a prison at dawn\]\(\/uploads\/\d{4}\/\d{2}\/[0-9a-f]+\.webp "The gate, 6 a\.m\."\)/);
    expect(stored).toMatch(/!\[A bus timetable on a shelter wall\]\(\/uploads\/\d{4}\/\d{2}\/[0-9a-f]+\.webp\)/);
    // What readers will get.
    const html = renderPostMarkdown(stored).html;
    expect(html).toContain("<table>");
    expect(html).toContain('alt="The gate of a prison at dawn"');
    expect(html).toMatch(/<section[^>]*class="footnotes"/);
    expect(html).toContain('href="https://x.com/SamWhitlow"');

    await guest.getByRole("button", { name: "Submit for review" }).click();
    await guest.getByText(/^Submitted for review\./).first().waitFor();

    // The editor opens the same post: the same markdown, and the same things in the formatted view.
    const editor = await pageSignedInAs("editor@docket.localhost");
    await openEditor(editor, postId);
    const text = editorText(editor);
    await text.getByRole("heading", { name: "The first days" }).waitFor();
    await text.getByRole("heading", { name: "Sources" }).waitFor();
    await text.getByRole("heading", { name: "Pasted notes" }).waitFor();
    expect(await text.locator("strong", { hasText: "the duty officer" }).count()).toBe(1);
    expect(await text.getByRole("link", { name: "Citizens Advice" }).getAttribute("href")).toBe("https://www.citizensadvice.org.uk");
    expect(await text.getByRole("img", { name: "The gate of a prison at dawn" }).count()).toBe(1);
    await text.getByText("The gate, 6 a.m.").waitFor();
    expect(await text.locator("td", { hasText: "Council" }).count()).toBe(1);
    expect(await text.locator(".docket-mention").allTextContents()).toEqual(["@SamWhitlow", "#reentry"]);
    await editor.getByRole("button", { name: "Markdown", exact: true }).click();
    expect(await editor.getByLabel("Text (markdown)").inputValue()).toBe(stored);
  });

  it("pastes documents from Word, Google Docs, LibreOffice and a web page as the converter's markdown", { timeout: 240_000 }, async () => {
    const page = await pageSignedInAs("author@docket.localhost");
    await page.goto(`${baseUrl()}/admin/posts`);
    await page.getByLabel("Start a new post").fill("Pasted from elsewhere");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/admin\/posts\/[a-z0-9]+$/);
    await editorText(page).waitFor();
    const fixtures = path.resolve(import.meta.dirname, "../fixtures/paste");
    // The converter's markdown, except for images: these tests reach no other site, so each image in a
    // paste is a placeholder asking for its file (tests/e2e/pasted-images.test.ts copies one from a site).
    const asPasted: Record<string, (markdown: string) => string> = {
      word: (markdown) => markdown.replace("\n\nFinally, read it aloud", "\n\n![An interview room with two chairs](missing-image:clip_image002.jpg)\n\nFinally, read it aloud"),
      "google-docs": (markdown) => markdown.replace("(https://lh7-rt.googleusercontent.com/docsz/AD_4nXexampleimage0001?key=k3yExample)", "(missing-image:AD_4nXexampleimage0001)"),
      libreoffice: (markdown) => markdown.replace("(https://images.example.org/custody-suite-door.jpg ", "(missing-image:custody-suite-door.jpg "),
      "web-page": (markdown) => markdown.replace("(https://news.example.org/media/court-corridor-800.jpg ", "(missing-image:court-corridor-800.jpg "),
    };
    for (const source of ["word", "google-docs", "libreoffice", "web-page"]) {
      const html = await readFile(path.join(fixtures, `${source}.html`), "utf8");
      const expected = asPasted[source]((await readFile(path.join(fixtures, `${source}.md`), "utf8")).replace(/\n$/, ""));
      expect(expected, source).toContain("](missing-image:");
      await editorText(page).click();
      await page.keyboard.press("Control+a");
      await page.keyboard.press("Delete");
      await paste(page, { html, text: "plain text only" });
      // The image that could not be copied is asked about at once: its file, then its description.
      const ask = page.getByRole("dialog", { name: "Upload a pasted image" });
      await ask.waitFor({ timeout: 60_000 });
      await ask.getByRole("button", { name: "Cancel" }).click();
      await page.getByRole("button", { name: "Markdown", exact: true }).click();
      await expect.poll(() => page.getByLabel("Text (markdown)").inputValue(), { message: source, timeout: 20_000 }).toBe(expected);
      await page.getByRole("button", { name: "Formatted", exact: true }).click();
    }
  });

  it("works by keyboard alone: one tab stop, arrow keys, Escape between the text and the toolbar, focus drawn", async () => {
    const page = await pageSignedInAs("author@docket.localhost");
    await page.goto(`${baseUrl()}/admin/posts`);
    await page.getByLabel("Start a new post").fill("Keyboard only");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/admin\/posts\/[a-z0-9]+$/);
    const postId = page.url().split("/").at(-1)!;
    await editorText(page).waitFor();

    // Tab reaches the text from the standfirst: the view switch, then one stop in the toolbar.
    await page.getByLabel("Standfirst").focus();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? "");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Formatted");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Markdown");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("H2 heading");
    expect(await toolbar(page).locator('button[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("ProseMirror"))).toBe(true);

    await page.keyboard.type("Plain words then a strong one");
    await page.keyboard.press("Shift+Control+ArrowLeft");
    await page.keyboard.press("Shift+Control+ArrowLeft");
    await page.keyboard.press("Escape");
    expect(await focused()).toBe("H2 heading");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe("solid");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await focused()).toBe("Bold");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("ProseMirror"))).toBe(true);
    expect(await tool(page, "Bold").getAttribute("aria-pressed")).toBe("true");

    // Alt+F10 goes back to where the toolbar was left; End and Home jump; arrows wrap around.
    await page.keyboard.press("End");
    await page.keyboard.press("Alt+F10");
    expect(await focused()).toBe("Bold");
    await page.keyboard.press("End");
    expect(await focused()).toBe("Redo");
    await page.keyboard.press("ArrowRight");
    expect(await focused()).toBe("H2 heading");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    expect(await focused()).toBe("Undo");
    await page.keyboard.press("Enter");
    expect(await tool(page, "Bold").getAttribute("aria-pressed")).toBe("false");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Alt+F10");
    await page.keyboard.press("Home");
    await page.keyboard.press("Enter");
    expect(await tool(page, "H2 heading").getAttribute("aria-pressed")).toBe("true");

    // A link by keyboard: the dialog takes focus, Enter applies, Escape would cancel.
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Control+k");
    await page.keyboard.type("https://example.org/keys");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await page.keyboard.press("Escape");
    await waitForSaved(page);
    expect(await storedMarkdown(postId)).toBe("## [Plain words then a strong one](https://example.org/keys)");
  });

  it("switches to the markdown view and back losing nothing; opening a post changes nothing", async () => {
    const {
      rows: [post],
    } = await client.query<{ id: string; bodyMarkdown: string; updatedAt: Date; revisions: number }>(
      `SELECT p.id, p."bodyMarkdown", p."updatedAt", (SELECT count(*)::int FROM "Revision" r WHERE r."postId" = p.id) AS revisions
         FROM "Post" p WHERE p.status = 'PUBLISHED' AND p."bodyMarkdown" LIKE '%|:--|%' AND p."bodyMarkdown" LIKE '%#%' ORDER BY p."publishedAt" LIMIT 1`,
    );
    const page = await pageSignedInAs("editor@docket.localhost");
    await openEditor(page, post.id);
    await editorText(page).locator("table").waitFor();
    await editorText(page).click();
    await page.waitForTimeout(3500); // longer than autosave's delay
    const [after] = (await client.query<{ updatedAt: Date; revisions: number }>(
      `SELECT "updatedAt", (SELECT count(*)::int FROM "Revision" r WHERE r."postId" = $1) AS revisions FROM "Post" WHERE id = $1`,
      [post.id],
    )).rows;
    expect(after).toEqual({ updatedAt: post.updatedAt, revisions: post.revisions });

    // The markdown view shows the stored text as it is, table rows and all.
    await page.getByRole("button", { name: "Markdown", exact: true }).click();
    const markdown = page.getByLabel("Text (markdown)");
    expect(await markdown.inputValue()).toBe(post.bodyMarkdown);
    const added = `${post.bodyMarkdown}\n\n## Added in markdown\n\nA line with **weight** and a [link](https://example.org/md).`;
    await markdown.fill(added);

    await page.getByRole("button", { name: "Formatted", exact: true }).click();
    await editorText(page).getByRole("heading", { name: "Added in markdown" }).waitFor();
    expect(await editorText(page).locator("strong", { hasText: "weight" }).count()).toBe(1);
    await page.getByRole("button", { name: "Markdown", exact: true }).click();
    expect(await markdown.inputValue()).toBe(added);

    // An edit in the formatted view writes the whole text in the editor's normal form, once.
    await page.getByRole("button", { name: "Formatted", exact: true }).click();
    await editorText(page).getByRole("heading", { name: "Added in markdown" }).click();
    await page.keyboard.press("End");
    await page.keyboard.type(" too");
    await page.getByRole("button", { name: "Markdown", exact: true }).click();
    const normal = await markdown.inputValue();
    expect(normal).toContain("## Added in markdown too");
    expect(normal).toContain("| :- | :- | :- |");
    expect(renderPostMarkdown(normal).html).toBe(renderPostMarkdown(added.replace("## Added in markdown", "## Added in markdown too")).html);
    await page.getByRole("button", { name: "Formatted", exact: true }).click();
    await page.getByRole("button", { name: "Markdown", exact: true }).click();
    expect(await markdown.inputValue()).toBe(normal);
    await page.getByRole("button", { name: "Formatted", exact: true }).click(); // the next writer starts formatted
  });

  it("fits a 320 px screen", async () => {
    const [post] = (await client.query<{ id: string }>(`SELECT id FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`)).rows;
    const page = await pageSignedInAs("editor@docket.localhost", { width: 320 });
    await openEditor(page, post.id);
    await editorText(page).locator("p").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
  });

  it("loads its JavaScript in the admin only: reader pages carry none of it", async () => {
    const [post] = (await client.query<{ id: string; slug: string }>(`SELECT id, slug FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`)).rows;
    const scriptsOf = async (page: Page, path: string, ready: () => Promise<unknown>) => {
      const bodies: Promise<{ url: string; body: Buffer }>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() === "script") bodies.push(response.body().then((body) => ({ url: response.url(), body })));
      });
      await page.goto(`${baseUrl()}${path}`);
      await ready();
      await page.waitForLoadState("networkidle");
      return Promise.all(bodies);
    };
    const reader = await scriptsOf(await pageSignedInAs("editor@docket.localhost"), `/posts/${post.slug}`, () => Promise.resolve());
    const admin = await scriptsOf(await pageSignedInAs("editor@docket.localhost"), `/admin/posts/${post.id}`, async () => {
      const page = contexts.at(-1)!.pages()[0];
      await editorText(page).locator("p").first().waitFor();
    });
    const withEditor = (scripts: { url: string; body: Buffer }[]) => scripts.filter((script) => script.body.includes("ProseMirror-"));
    const gzipped = (scripts: { body: Buffer }[]) => scripts.reduce((sum, script) => sum + gzipSync(script.body, { level: 9 }).length, 0);
    console.log(`JavaScript, gzipped: reader post page ${gzipped(reader)} bytes in ${reader.length} files; admin editor ${gzipped(admin)} bytes in ${admin.length} files`);
    expect(withEditor(admin).length).toBeGreaterThan(0);
    expect(withEditor(reader)).toEqual([]);
    const readerUrls = new Set(reader.map((script) => script.url));
    expect(withEditor(admin).filter((script) => readerUrls.has(script.url))).toEqual([]);
  });
});
