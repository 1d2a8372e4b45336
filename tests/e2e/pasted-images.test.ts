// Pasting documents with pictures, in Chromium against a web process allowed to fetch from a local
// "public" server (127.0.0.2, standing in for Google's): a Word document's picture (a file on the
// writer's computer) becomes a placeholder asking for the file and its description; a Google Docs
// picture is copied into uploads and its missing description asked for; a picture on a private
// address is never fetched; a table with a list in a cell stays a table. Nothing stored holds a file:
// address or an image without a description, and readers get the captioned picture as a figure.
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type pg from "pg";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPostMarkdown } from "@/lib/markdown";
import { connectToTestDatabase, openBrowser, signedInPage } from "../helpers/e2e";
import { startExtraWebServer, type ExtraWebServer } from "../helpers/extra-web-server";

let browser: Browser;
let client: pg.Client;
let server: ExtraWebServer | undefined;
let publicServer: Server;
let privateServer: Server;
let publicBase: string;
let privateBase: string;
const privateHits: string[] = [];

const png = (colour: string) => sharp({ create: { width: 80, height: 50, channels: 3, background: colour } }).png().toBuffer();

function listen(target: Server, host: string): Promise<number> {
  return new Promise((resolve) => target.listen(0, host, () => resolve((target.address() as AddressInfo).port)));
}

beforeAll(async () => {
  browser = await openBrowser();
  client = await connectToTestDatabase();
  const notebook = await png("#335577");
  publicServer = createServer((request, response) => {
    if (request.url?.startsWith("/docsz/notebook")) return void response.writeHead(200, { "content-type": "image/png" }).end(notebook);
    response.writeHead(404).end();
  });
  publicBase = `http://127.0.0.2:${await listen(publicServer, "127.0.0.2")}`;
  privateServer = createServer((request, response) => {
    privateHits.push(request.url ?? "");
    response.writeHead(200, { "content-type": "image/png" }).end(notebook);
  });
  privateBase = `http://127.0.0.1:${await listen(privateServer, "127.0.0.1")}`;
  server = await startExtraWebServer({ DOCKET_FETCH_ALLOW_ADDRESSES: "127.0.0.2" });
});

afterAll(async () => {
  await browser?.close();
  await client?.end();
  await server?.stop();
  await new Promise((resolve) => publicServer?.close(resolve));
  await new Promise((resolve) => privateServer?.close(resolve));
});

const editorText = (page: Page) => page.getByRole("textbox", { name: "Text", exact: true });

async function paste(page: Page, html: string) {
  await page.locator(".ProseMirror").evaluate((target, content) => {
    const data = new DataTransfer();
    data.setData("text/html", content);
    data.setData("text/plain", "plain text only");
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

async function storedMarkdown(postId: string): Promise<string> {
  return (await client.query<{ bodyMarkdown: string }>(`SELECT "bodyMarkdown" FROM "Post" WHERE id = $1`, [postId])).rows[0].bodyMarkdown;
}

/** Every markdown image in every revision of the post: address and description. */
async function storedImages(postId: string): Promise<{ url: string; alt: string }[]> {
  const revisions = (await client.query<{ bodyMarkdown: string }>(`SELECT "bodyMarkdown" FROM "Revision" WHERE "postId" = $1`, [postId])).rows;
  return revisions.flatMap((revision) => [...revision.bodyMarkdown.matchAll(/!\[([^\]]*)\]\(([^)\s]+)/g)].map((match) => ({ alt: match[1], url: match[2] })));
}

const TABLE_WITH_A_LIST =
  '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><table><tbody>' +
  "<tr><td><p><span>Area</span></p></td><td><p><span>Offices</span></p></td></tr>" +
  '<tr><td><p><span>North</span></p><p><span>(two offices)</span></p></td><td><ul><li dir="ltr"><p><span>Leeds</span></p></li><li dir="ltr"><p><span>York</span></p></li></ul></td></tr>' +
  "</tbody></table></b>";

describe("pasting documents with pictures", () => {
  it("asks for what cannot be copied, copies what can, and never stores a file: address or an undescribed image", { timeout: 300_000 }, async () => {
    const page = await signedInPage(browser, client, "author@docket.localhost", { siteUrl: server!.url });
    await page.goto(`${server!.url}/admin/posts`);
    await page.getByLabel("Start a new post").fill("Pictures from elsewhere");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/admin\/posts\/[a-z0-9]+$/);
    const postId = page.url().split("/").at(-1)!;
    await editorText(page).waitFor();
    await editorText(page).click();

    // A Word document: its picture is a file on the writer's computer.
    await paste(page, await readFile(path.resolve(import.meta.dirname, "../fixtures/paste/word.html"), "utf8"));
    const upload = page.getByRole("dialog", { name: "Upload a pasted image" });
    await upload.waitFor({ timeout: 30_000 });
    await upload.getByText("“clip_image002.jpg”, which Docket could not copy", { exact: false }).waitFor();
    expect(await upload.getByLabel(/alt text/).inputValue()).toBe("An interview room with two chairs");
    await upload.locator('input[type="file"]').setInputFiles({ name: "clip_image002.png", mimeType: "image/png", buffer: await png("#aa7733") });
    await upload.getByText("Uploaded.").waitFor({ timeout: 30_000 });
    await upload.getByLabel("Caption (optional)").fill("The interview room, before the hearing");
    await upload.getByRole("button", { name: "Save" }).click();
    await upload.waitFor({ state: "hidden" });

    // A Google Docs picture with no description: copied here, then its description asked for.
    await page.keyboard.press("Control+End");
    await paste(page, `<meta charset="utf-8"><b id="docs-internal-guid-2"><p dir="ltr"><span>A note from the office.</span></p><p dir="ltr"><span><img src="${publicBase}/docsz/notebook?key=abc" width="320" height="180" alt="" /></span></p></b>`);
    const describe = page.getByRole("dialog", { name: "Image description and caption" });
    await describe.waitFor({ timeout: 30_000 });
    await describe.getByLabel(/alt text/).fill("A notebook open on a desk");
    await describe.getByRole("button", { name: "Save" }).click();
    await describe.waitFor({ state: "hidden" });

    // A picture on a private address is never fetched: it stays a placeholder, and blocks submitting.
    await page.keyboard.press("Control+End");
    await paste(page, `<p>Internal.</p><p><img src="${privateBase}/secret.png" alt="Internal chart"></p>`);
    await upload.waitFor({ timeout: 30_000 });
    await upload.getByRole("button", { name: "Cancel" }).click();

    // A table with a list in a cell.
    await page.keyboard.press("Control+End");
    await paste(page, TABLE_WITH_A_LIST);
    await editorText(page).locator("td", { hasText: "Leeds" }).waitFor({ timeout: 30_000 });

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => storedMarkdown(postId), { timeout: 30_000 }).toContain("| Area | Offices |");
    let markdown = await storedMarkdown(postId);
    expect(markdown).toContain("| North<br>(two offices) | • Leeds<br>• York |");
    expect(markdown).toMatch(/!\[An interview room with two chairs\]\(\/uploads\/\d{4}\/\d{2}\/[0-9a-f]+\.webp "The interview room, before the hearing"\)/);
    expect(markdown).toMatch(/!\[A notebook open on a desk\]\(\/uploads\/\d{4}\/\d{2}\/[0-9a-f]+\.webp\)/);
    expect(markdown).toContain("![Internal chart](missing-image:secret.png)");
    expect(privateHits).toEqual([]);

    await page.getByRole("button", { name: "Publish now" }).click();
    await page.getByText("Before the post goes out, upload the image “secret.png” (or remove it).").first().waitFor({ timeout: 30_000 });
    expect((await client.query(`SELECT status FROM "Post" WHERE id = $1`, [postId])).rows[0].status).toBe("DRAFT");

    // Removed, the post may go out.
    await editorText(page).locator(".docket-image-missing", { hasText: "secret.png" }).click();
    await page.getByRole("toolbar", { name: "Formatting for text" }).getByRole("button", { name: "Remove image" }).click();
    await page.getByRole("button", { name: "Publish now" }).click();
    await expect.poll(async () => (await client.query(`SELECT status FROM "Post" WHERE id = $1`, [postId])).rows[0].status, { timeout: 30_000 }).toBe("PUBLISHED");

    markdown = await storedMarkdown(postId);
    expect(markdown).not.toContain("missing-image:");
    for (const image of await storedImages(postId)) {
      expect(image.url, "no stored markdown holds a file: address").not.toMatch(/^file:/i);
      if (!image.url.startsWith("missing-image:")) expect(image.alt.trim(), `the image at ${image.url} has a description`).not.toBe("");
    }
    const html = renderPostMarkdown(markdown).html;
    expect(html).toContain("<table>");
    expect(html).toMatch(/<figure><img src="\/uploads\/[^"]+" alt="An interview room with two chairs"[^>]*><figcaption>The interview room, before the hearing<\/figcaption><\/figure>/);

    // Readers get the caption as a figure.
    const slug = (await client.query(`SELECT slug FROM "Post" WHERE id = $1`, [postId])).rows[0].slug;
    const readerPage = await (await fetch(`${server!.url}/posts/${slug}`)).text();
    expect(readerPage).toMatch(/<figure><img [^>]*alt="An interview room with two chairs"[^>]*><figcaption>The interview room, before the hearing<\/figcaption><\/figure>/);
    expect(readerPage).toContain("• Leeds<br>");
  });
});
