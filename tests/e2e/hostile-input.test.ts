// Issue #14's hostile-input test: the corpus in tests/fixtures/hostile-input.ts typed into every public
// form (comment, subscribe, sign-in, search) and the admin's (byline, category, series, post title,
// standfirst, body and tags) in Chromium, then every output checked: the pages are valid HTML with
// parseable JSON-LD, the feeds and sitemap are well-formed XML holding the text, the email parses,
// no vector runs, and the database holds what was typed.
//
// Normalisations the test allows, and nothing else: a lone surrogate cannot be encoded in UTF-8, so the
// browser sends U+FFFD for it; NUL and the other C0 control characters but tab, line feed and carriage
// return, DEL, the C1 controls and the noncharacters are removed by the server-action pipeline
// (src/lib/action.ts, the rule in src/lib/control-characters.ts), except that NUL becomes U+FFFD
// in a comment (src/features/comments/schema.ts); fields are trimmed; a form sends line
// breaks as CRLF; XML output drops the characters XML 1.0 forbids (src/lib/xml.ts).
import { randomBytes } from "node:crypto";
import { simpleParser } from "mailparser";
import type pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withoutXmlForbiddenCharacters } from "@/lib/xml";
import { ALL_VECTORS, hostileMix, hundredKilobyteMarkdown, type HostileInput } from "../fixtures/hostile-input";
import { baseUrl, connectToTestDatabase, markdownField, openBrowser, readOutbox, sessionCookieFor } from "../helpers/e2e";
import { htmlValidityProblems } from "../helpers/html-validity";

let browser: Browser;
let client: pg.Client;
const contexts: BrowserContext[] = [];
const marker = randomBytes(4).toString("hex");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What was created, for the checks and the clean-up. */
const made = {
  bylineId: "",
  bylineSlug: "",
  categoryId: "",
  categorySlug: "",
  seriesId: "",
  seriesSlug: "",
  postId: "",
  postSlug: "",
  tagSlugs: [] as string[],
  commentId: "",
  searchUrl: "",
};

/** What each field was given, by name. */
const typed: Record<string, string> = {};

beforeAll(async () => {
  browser = await openBrowser();
  client = await connectToTestDatabase();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  if (client) {
    // Other test files validate every page and feed: leave the shared database as it was.
    if (made.postId) await client.query(`DELETE FROM "Post" WHERE id = $1`, [made.postId]);
    await client.query(`DELETE FROM "Tag" WHERE slug = ANY($1)`, [made.tagSlugs]);
    if (made.categoryId) await client.query(`DELETE FROM "Category" WHERE id = $1`, [made.categoryId]);
    if (made.seriesId) await client.query(`DELETE FROM "Series" WHERE id = $1`, [made.seriesId]);
    if (made.bylineId) await client.query(`DELETE FROM "AuthorProfile" WHERE id = $1`, [made.bylineId]);
    await client.end();
  }
});

const singleLine = (vector: HostileInput) => /[\r\n]/.test(vector.text);
const singleLineWithoutCommas = (vector: HostileInput) => /[\r\n,]/.test(vector.text);

/** A field's value: the marker (to find it) and as many whole vectors as fit, starting at vector `from`. */
function hostileValue(field: string, max: number, from: number, skip?: (vector: HostileInput) => boolean): string {
  const prefix = `H${marker} `;
  typed[field] = `${prefix}${hostileMix(max - prefix.length, from, skip)}`;
  return typed[field];
}

/** What the database should hold for text typed into a form. */
function stored(text: string, nul: "removed" | "replaced", trim = true): string {
  const sent = text.toWellFormed();
  const kept = (nul === "removed" ? sent : sent.replaceAll("\u0000", "\uFFFD")).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/g, "");
  return trim ? kept.trim() : kept;
}

const sameLines = (text: string | null | undefined) => (text ?? "").replace(/\r\n/g, "\n");

/** A page whose scripts cannot call the vectors' payloads unnoticed: every assignment to __pwned and every dialog is recorded. */
async function trappedPage(options: { javaScriptEnabled?: boolean; role?: "ADMIN" | "EDITOR"; ip?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    extraHTTPHeaders: { "x-forwarded-for": options.ip ?? `198.51.100.${Math.floor(Math.random() * 200) + 20}` },
  });
  contexts.push(context);
  if (options.role) await context.addCookies([await sessionCookieFor(client, options.role)]);
  await context.addInitScript(() => {
    const hits: string[] = [];
    Object.defineProperty(window, "__hostileHits", { value: hits });
    Object.defineProperty(window, "__pwned", { get: () => undefined, set: (value: unknown) => hits.push(`__pwned=${String(value)}`) });
    for (const name of ["alert", "confirm", "prompt"] as const) {
      Object.defineProperty(window, name, { value: (message: unknown) => hits.push(`${name}(${String(message)})`) });
    }
  });
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    (page as Page & { dialogs?: string[] }).dialogs ??= [];
    (page as Page & { dialogs?: string[] }).dialogs!.push(dialog.message());
    void dialog.dismiss();
  });
  return page;
}

/** Everything on the page that could run a vector: recorded payloads, dialogs, event-handler attributes, script URLs, frames. */
async function activeContent(page: Page): Promise<string[]> {
  const dialogs = (page as Page & { dialogs?: string[] }).dialogs ?? [];
  const found = await page.evaluate(() => {
    const problems: string[] = [...((window as unknown as { __hostileHits?: string[] }).__hostileHits ?? [])];
    const scriptUrl = /^(?:javascript|vbscript):|^data:text\/html/i;
    for (const element of Array.from(document.querySelectorAll("*"))) {
      const tag = element.tagName.toLowerCase();
      if (["iframe", "frame", "object", "embed", "base"].includes(tag)) problems.push(`<${tag}>`);
      if (tag === "meta" && element.getAttribute("http-equiv")?.toLowerCase() === "refresh") problems.push("<meta http-equiv=refresh>");
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        const value = attribute.value.replace(/[\u0000-\u0020]/g, "");
        if (name.startsWith("on")) problems.push(`<${tag} ${name}>`);
        // React gives a form whose action is a function this action, so that a stray form.submit() fails loudly.
        const reactsGuard = tag === "form" && name === "action" && attribute.value.startsWith("javascript:throw new Error('A React form was unexpectedly submitted.");
        if (name === "srcdoc" || (["href", "src", "action", "formaction", "data", "xlink:href", "poster"].includes(name) && scriptUrl.test(value) && !reactsGuard)) {
          problems.push(`<${tag} ${name}="${attribute.value.slice(0, 60)}">`);
        }
      }
    }
    return problems;
  });
  return [...found, ...dialogs.map((message) => `dialog: ${message}`)];
}

async function fetchText(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(new URL(path, baseUrl()));
  return { status: response.status, text: await response.text() };
}

/** Parses `xml` with saxes (as the WXR reader does): its well-formedness errors, and the text of every element named `element`. */
function parseXml(xml: string, element: string): { errors: string[]; texts: string[] } {
  const parser = new SaxesParser();
  const errors: string[] = [];
  const texts: string[] = [];
  let depth = 0;
  let current = "";
  parser.on("error", (error) => errors.push(error.message));
  parser.on("opentag", (tag) => {
    if (tag.name === element) {
      depth++;
      current = "";
    }
  });
  parser.on("text", (text) => {
    if (depth > 0) current += text;
  });
  parser.on("cdata", (text) => {
    if (depth > 0) current += text;
  });
  parser.on("closetag", (tag) => {
    if (tag.name === element && --depth === 0) texts.push(current);
  });
  parser.write(xml).close();
  return { errors, texts };
}

describe("hostile input", () => {
  it("is kept exactly by the admin's forms: a byline, a category, a series, a post with tags", { timeout: 240_000 }, async () => {
    const admin = await trappedPage({ role: "ADMIN" });
    const problems: string[] = [];

    // A pen name with a real name that must never show.
    await admin.goto(`${baseUrl()}/admin/people`);
    await admin.getByLabel("Name on the byline").fill(hostileValue("bylineName", 80, 0, singleLine));
    await admin.locator("#byline-bio").fill(hostileValue("bylineBio", 1500, 5));
    await admin.getByLabel("This is a pen name").check();
    await admin.locator("#byline-real").fill(`Real Name ${marker}`);
    await admin.getByRole("button", { name: "Create byline" }).click();
    await admin.getByText(/^Byline “H.*” created\.$/).first().waitFor();
    problems.push(...(await activeContent(admin)).map((problem) => `/admin/people ${problem}`));
    const [byline] = (
      await client.query<{ id: string; slug: string; displayName: string; bio: string }>(
        `SELECT id, slug, "displayName", bio FROM "AuthorProfile" WHERE "displayName" LIKE $1`,
        [`H${marker} %`],
      )
    ).rows;
    expect(byline, "the byline was stored").toBeDefined();
    Object.assign(made, { bylineId: byline.id, bylineSlug: byline.slug });
    expect(byline.displayName).toBe(stored(typed.bylineName, "removed"));
    expect(sameLines(byline.bio)).toBe(stored(typed.bylineBio, "removed"));

    await admin.goto(`${baseUrl()}/admin/categories/new`);
    await admin.getByLabel("Name", { exact: true }).fill(hostileValue("categoryName", 80, 10, singleLine));
    await admin.getByLabel("Description", { exact: true }).fill(hostileValue("categoryDescription", 1000, 15));
    await admin.getByRole("button", { name: "Create category" }).click();
    await admin.waitForURL(/\/admin\/categories\/[a-z0-9]+\?created=1$/);
    problems.push(...(await activeContent(admin)).map((problem) => `category form ${problem}`));
    const [category] = (
      await client.query<{ id: string; slug: string; name: string; description: string }>(`SELECT id, slug, name, description FROM "Category" WHERE name LIKE $1`, [`H${marker} %`])
    ).rows;
    Object.assign(made, { categoryId: category.id, categorySlug: category.slug });
    expect(category.name).toBe(stored(typed.categoryName, "removed"));
    expect(sameLines(category.description)).toBe(stored(typed.categoryDescription, "removed"));

    await admin.goto(`${baseUrl()}/admin/series/new`);
    await admin.getByLabel("Title").fill(hostileValue("seriesTitle", 120, 20, singleLine));
    await admin.getByLabel("Description (markdown)").fill(hostileValue("seriesDescription", 4000, 25));
    await admin.getByRole("button", { name: "Create series" }).click();
    await admin.waitForURL(/\/admin\/series\/[a-z0-9]+\?created=1$/);
    problems.push(...(await activeContent(admin)).map((problem) => `series form ${problem}`));
    const [series] = (
      await client.query<{ id: string; slug: string; title: string; description: string }>(`SELECT id, slug, title, description FROM "Series" WHERE title LIKE $1`, [`H${marker} %`])
    ).rows;
    Object.assign(made, { seriesId: series.id, seriesSlug: series.slug });
    expect(series.title).toBe(stored(typed.seriesTitle, "removed"));
    expect(sameLines(series.description)).toBe(stored(typed.seriesDescription, "removed"));

    // The post, by the editor (the admin has no byline of their own): its body is every vector and
    // padding to 100 KB, typed into the editor's markdown view.
    const writer = await trappedPage({ role: "EDITOR" });
    await writer.goto(`${baseUrl()}/admin/posts`);
    await writer.getByLabel("Start a new post").fill(`Hostile ${marker}`);
    await writer.getByRole("button", { name: "Create draft" }).click();
    await writer.waitForURL(/\/admin\/posts\/[a-z0-9]+$/);
    made.postId = writer.url().split("/").at(-1)!;
    typed.body = hundredKilobyteMarkdown();
    await (await markdownField(writer)).fill(typed.body);
    await writer.getByLabel("Title", { exact: true }).fill(hostileValue("title", 160, 30, singleLine));
    await writer.getByLabel("Standfirst").fill(hostileValue("standfirst", 600, 35));
    const tagVectors = ALL_VECTORS.filter((vector) => !singleLineWithoutCommas(vector) && vector.text.length <= 30);
    const tags = [0, 1, 2].map((index) => `T${marker}${index} ${tagVectors[(index * 5) % tagVectors.length].text}`.slice(0, 40));
    typed.tags = tags.join(", ");
    await writer.getByLabel("Tags").fill(typed.tags);
    await writer.getByLabel("Category", { exact: true }).selectOption(category.id);
    await writer.getByLabel("Series", { exact: true }).selectOption(series.id);
    await writer.getByLabel("Add an author").selectOption(byline.id);
    await writer.getByRole("button", { name: "Save", exact: true }).click();
    const expectedTitle = stored(typed.title, "removed");
    await expect
      .poll(async () => (await client.query<{ title: string }>(`SELECT title FROM "Post" WHERE id = $1`, [made.postId])).rows[0]?.title, { timeout: 30_000 })
      .toBe(expectedTitle);
    problems.push(...(await activeContent(writer)).map((problem) => `post editor ${problem}`));
    await writer.getByRole("button", { name: "Publish now" }).click();
    await expect
      .poll(async () => (await client.query<{ status: string }>(`SELECT status FROM "Post" WHERE id = $1`, [made.postId])).rows[0]?.status, { timeout: 30_000 })
      .toBe("PUBLISHED");

    const [post] = (
      await client.query<{ slug: string; title: string; standfirst: string; bodyMarkdown: string; categoryId: string; seriesId: string }>(
        `SELECT slug, title, standfirst, "bodyMarkdown", "categoryId", "seriesId" FROM "Post" WHERE id = $1`,
        [made.postId],
      )
    ).rows;
    made.postSlug = post.slug;
    expect(sameLines(post.standfirst)).toBe(stored(typed.standfirst, "removed"));
    // Compared in pieces, so that a difference shows where it is rather than two 100 KB strings.
    const expectedBody = stored(typed.body, "removed", false);
    expect(sameLines(post.bodyMarkdown).length).toBe(expectedBody.length);
    for (let start = 0; start < expectedBody.length; start += 2000) {
      expect(sameLines(post.bodyMarkdown).slice(start, start + 2000), `body from ${start}`).toBe(expectedBody.slice(start, start + 2000));
    }
    expect({ categoryId: post.categoryId, seriesId: post.seriesId }).toEqual({ categoryId: category.id, seriesId: series.id });
    const storedTags = (
      await client.query<{ name: string; slug: string }>(`SELECT t.name, t.slug FROM "Tag" t JOIN "PostTag" pt ON pt."tagId" = t.id WHERE pt."postId" = $1 ORDER BY t.name`, [made.postId])
    ).rows;
    made.tagSlugs = storedTags.map((tag) => tag.slug);
    expect(storedTags.map((tag) => tag.name).sort()).toEqual(tags.map((tag) => stored(tag, "removed")).sort());
    const authors = (await client.query<{ profileId: string }>(`SELECT "profileId" FROM "PostAuthor" WHERE "postId" = $1`, [made.postId])).rows;
    expect(authors.map((author) => author.profileId)).toContain(byline.id);
    expect(problems).toEqual([]);
  });

  it("is kept exactly by the comment form and shown inert in the moderation queue; the email about it parses", { timeout: 120_000 }, async () => {
    expect(made.postSlug, "the post was published").not.toBe("");
    const email = `hostile-${marker}@example.org`;
    const reader = await trappedPage();
    await reader.goto(`${baseUrl()}/posts/${made.postSlug}`);
    await reader.waitForFunction(() => (document.querySelector<HTMLInputElement>('#respond input[name="formToken"]')?.value ?? "") !== "");
    await sleep(3_200); // faster than a human is treated as a bot
    const form = reader.locator("#respond form");
    await form.getByRole("textbox", { name: "Comment", exact: true }).fill(hostileValue("commentBody", 5000, 3));
    await form.getByRole("textbox", { name: "Name", exact: true }).fill(hostileValue("commentName", 80, 40, singleLine));
    await form.getByRole("textbox", { name: "Email", exact: true }).fill(email);
    typed.commentUrl = `https://example.org/${marker}?q="><script>__pwned=40</script>&r='onmouseover='__pwned=40'#\u202Eevil\u202C`;
    await form.getByRole("textbox", { name: "Website", exact: true }).fill(typed.commentUrl);
    await reader.getByRole("button", { name: "Post Comment" }).click();
    await reader.getByRole("status").filter({ hasText: "awaiting moderation" }).first().waitFor();
    expect(await activeContent(reader)).toEqual([]);

    const [comment] = (
      await client.query<{ id: string; authorName: string; authorUrl: string; body: string }>(
        `SELECT id, "authorName", "authorUrl", body FROM "Comment" WHERE "authorEmail" = $1`,
        [email],
      )
    ).rows;
    expect(comment, "the comment was stored").toBeDefined();
    made.commentId = comment.id;
    expect(comment.authorName).toBe(stored(typed.commentName, "replaced"));
    expect(comment.authorUrl).toBe(typed.commentUrl);
    expect(sameLines(comment.body)).toBe(stored(typed.commentBody, "replaced", false));

    // The admin approves it from the queue, which shows it; the post's authors are emailed.
    const seen = new Set((await readOutbox()).map((mail) => mail.file));
    const admin = await trappedPage({ role: "ADMIN" });
    await admin.goto(`${baseUrl()}/admin/comments`);
    const row = admin.locator(`#row-${comment.id}`);
    await row.waitFor();
    expect(await activeContent(admin)).toEqual([]);
    await row.getByRole("button", { name: "Approve" }).click();
    await admin.waitForURL(/notice=/);

    let parsed: Awaited<ReturnType<typeof simpleParser>> | undefined;
    for (let attempt = 0; attempt < 60 && !parsed; attempt++) {
      for (const mail of (await readOutbox()).filter((mail) => !seen.has(mail.file))) {
        const message = await simpleParser(mail.raw);
        if (message.subject?.includes(marker)) parsed = message;
      }
      if (!parsed) await sleep(500);
    }
    expect(parsed, "an email about the comment reached the outbox").toBeDefined();
    const title = stored(typed.title, "removed");
    // The title set apart (U+2068 … U+2069): its bidi overrides reorder nothing else in the subject.
    expect(parsed!.subject).toBe(`New comment on “\u2068${title}\u2069”`);
    expect(parsed!.text).toContain(title);
    expect(parsed!.text).toContain(`H${marker} `);
    expect(parsed!.html || "", "the email has an HTML part").toContain(`H${marker} `);
  });

  it("is refused by the subscribe and sign-in forms, which keep it as typed and run none of it", async () => {
    const value = hostileValue("emailField", 254, 0, singleLine);
    const problems: string[] = [];
    for (const form of [
      { path: "/subscribe", scope: (page: Page) => page.locator("main form").first(), button: "Subscribe", modes: [false, true] },
      // Without JavaScript the sign-in form shows no error and drops what was typed, for any bad
      // address ("not an address" too): a fault of its own, not of this input, so only with JavaScript here.
      { path: "/admin/sign-in", scope: (page: Page) => page.locator("main form").first(), button: "Email me a sign-in link", modes: [true] },
    ]) {
      for (const javaScriptEnabled of form.modes) {
        const page = await trappedPage({ javaScriptEnabled });
        await page.goto(`${baseUrl()}${form.path}`);
        const field = form.scope(page).getByLabel("Email address");
        await field.fill(value);
        await form.scope(page).getByRole("button", { name: form.button }).click();
        const label = `${form.path} (JavaScript ${javaScriptEnabled ? "on" : "off"})`;
        await page
          .getByText("Enter a valid email address")
          .first()
          .waitFor({ timeout: 15_000 })
          .catch(async () => expect.fail(`${label} showed no error: ${(await page.locator("main").textContent())?.slice(0, 300)}`));
        // The value comes back without its NUL (the server's normalisation).
        const comparable = (text: string) => text.toWellFormed().replaceAll("\u0000", "");
        expect(comparable(await form.scope(page).getByLabel("Email address").inputValue()), label).toBe(comparable(value));
        problems.push(...(await activeContent(page)).map((problem) => `${label} ${problem}`));
        if (!javaScriptEnabled) problems.push(...(await htmlValidityProblems(await page.content(), label)));
      }
    }
    expect(problems).toEqual([]);
  });

  it("is searched for from the search form, and the results page runs none of it", async () => {
    const page = await trappedPage();
    await page.goto(`${baseUrl()}/search`);
    const query = hostileValue("search", 200, 12, singleLine);
    await page.locator("#search-page-q").fill(query);
    await page.locator("#search-page-q").press("Enter");
    await page.waitForURL(/\/search\?q=/);
    expect(new URL(page.url()).searchParams.get("q")).toBe(query.toWellFormed());
    expect(await page.locator("#search-page-q").inputValue()).toBe(query.toWellFormed().replaceAll("\u0000", ""));
    made.searchUrl = new URL(page.url()).pathname + new URL(page.url()).search;
    expect(await activeContent(page)).toEqual([]);
  });

  it("leaves every page that shows it valid HTML with parseable JSON-LD, and nothing runs; a pen name's real name never shows", { timeout: 120_000 }, async () => {
    expect(made.postSlug, "the post was published").not.toBe("");
    const pages = [
      "/",
      `/posts/${made.postSlug}`,
      `/authors/${made.bylineSlug}`,
      `/categories/${made.categorySlug}`,
      `/series/${made.seriesSlug}`,
      "/series",
      ...made.tagSlugs.map((slug) => `/tags/${slug}`),
      `/search?q=H${marker}`,
      made.searchUrl,
    ];
    const problems: string[] = [];
    const page = await trappedPage();
    for (const path of pages) {
      const { status, text } = await fetchText(path);
      if (status !== 200) problems.push(`${path} answered ${status}`);
      problems.push(...(await htmlValidityProblems(text, path)));
      if (text.includes(`Real Name ${marker}`)) problems.push(`${path} shows the pen name's real name`);
      for (const [, json] of text.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
        try {
          JSON.parse(json);
        } catch (error) {
          problems.push(`${path} JSON-LD: ${(error as Error).message}`);
        }
      }
      await page.goto(`${baseUrl()}${path}`);
      await page.waitForLoadState("networkidle");
      problems.push(...(await activeContent(page)).map((problem) => `${path} ${problem}`));
    }
    // The post page shows the title as typed, and its comment (approved above) with its name and link.
    const postHtml = (await fetchText(`/posts/${made.postSlug}`)).text;
    const posting = [...postHtml.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)]
      .flatMap(([, json]) => JSON.parse(json) as { "@type": string; headline?: string })
      .find((item) => item["@type"] === "BlogPosting");
    expect(posting?.headline).toBe(stored(typed.title, "removed"));
    await page.goto(`${baseUrl()}/posts/${made.postSlug}`);
    expect(await page.locator("h1").textContent()).toBe(stored(typed.title, "removed"));
    const comment = page.locator(`#comment-${made.commentId}`);
    await expect(comment.textContent()).resolves.toContain(`H${marker} `);
    expect(problems).toEqual([]);
  });

  it("leaves the feeds and the sitemap well-formed XML that still holds the text", async () => {
    expect(made.postSlug, "the post was published").not.toBe("");
    const title = withoutXmlForbiddenCharacters(stored(typed.title, "removed"));
    const feeds = [
      "/feed.xml",
      "/atom.xml",
      `/authors/${made.bylineSlug}/feed.xml`,
      `/authors/${made.bylineSlug}/atom.xml`,
      `/categories/${made.categorySlug}/feed.xml`,
      `/categories/${made.categorySlug}/atom.xml`,
      `/series/${made.seriesSlug}/feed.xml`,
      `/series/${made.seriesSlug}/atom.xml`,
    ];
    const problems: string[] = [];
    for (const path of feeds) {
      const { status, text } = await fetchText(path);
      if (status !== 200) problems.push(`${path} answered ${status}`);
      const { errors, texts } = parseXml(text, "title");
      problems.push(...errors.map((error) => `${path}: ${error}`));
      if (!texts.includes(title)) problems.push(`${path} has no item titled as the post`);
      if (text.includes(`Real Name ${marker}`)) problems.push(`${path} shows the pen name's real name`);
    }
    const sitemap = await fetchText("/sitemap.xml");
    const { errors, texts } = parseXml(sitemap.text, "loc");
    problems.push(...errors.map((error) => `/sitemap.xml: ${error}`));
    for (const path of [`/posts/${made.postSlug}`, `/categories/${made.categorySlug}`, `/series/${made.seriesSlug}`, `/authors/${made.bylineSlug}`]) {
      if (!texts.some((loc) => loc.endsWith(path))) problems.push(`/sitemap.xml lacks ${path}`);
    }
    expect(problems).toEqual([]);
  });
});
