// The whole editorial flow in Chromium against the production build, the worker and the outbox:
// editor invites a guest → guest signs in from the email → writes and submits → editor requests
// changes → guest revises and resubmits → editor schedules → the job publishes → the post is public
// and the guest was emailed.
import { simpleParser } from "mailparser";
import type pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toLondonLocal } from "@/lib/london-time";
import { baseUrl, connectToTestDatabase, markdownField, openBrowser, readOutbox } from "../helpers/e2e";

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function query<Row extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = await connectToTestDatabase();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Waits for a mail to `to` whose subject matches, written after `since` files. */
async function waitForMail(to: string, subject: RegExp, seen: Set<string>): Promise<string> {
  for (let attempt = 0; attempt < 300; attempt++) {
    for (const mail of await readOutbox()) {
      if (seen.has(mail.file)) continue;
      const text = decodeQuotedPrintable(mail.raw);
      const subjectLine = (await simpleParser(mail.raw)).subject ?? "";
      if (new RegExp(`^To: ${to}$`, "mi").test(text) && subject.test(subjectLine)) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`No mail to ${to} matching ${subject}`);
}

async function outboxFiles(): Promise<Set<string>> {
  return new Set((await readOutbox()).map((mail) => mail.file));
}

function confirmLinkIn(mail: string): string {
  const match = mail.match(/https?:\/\/[^\s"<]+\/admin\/sign-in\/confirm\?[^\s"<]+/);
  if (!match) throw new Error("no sign-in link in the mail");
  return match[0].replace(/&amp;/g, "&");
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

async function signInWithLink(page: Page, link: string) {
  await page.goto(link);
  await page.getByRole("button", { name: "Continue and sign in" }).click();
}

async function signInAs(page: Page, email: string) {
  const seen = await outboxFiles();
  await page.goto(`${baseUrl()}/admin/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  await signInWithLink(page, confirmLinkIn(await waitForMail(email, /^Sign in to/, seen)));
  await page.waitForURL(`${baseUrl()}/admin`);
}

async function waitForSaved(page: Page) {
  await page.getByRole("status").filter({ hasText: /^(Saved at|All changes saved)/ }).first().waitFor({ timeout: 20_000 });
}

describe("editorial flow", () => {
  it("takes a guest's post from invitation to publication", { timeout: 280_000 }, async () => {
    const guestEmail = "jo.guest@example.org";
    const title = "Life after release: the first ninety days";

    // The editor invites a guest.
    const editor = await newPage();
    await signInAs(editor, "editor@docket.localhost");
    await editor.goto(`${baseUrl()}/admin/people`);
    let seen = await outboxFiles();
    await editor.getByLabel("Email address").fill(guestEmail);
    await editor.getByRole("button", { name: "Send invitation" }).click();
    await editor.getByText(`Invitation sent to ${guestEmail}.`).waitFor();

    // A mail scanner fetches the link first; the guest can still sign in with it.
    const invitation = await waitForMail(guestEmail, /^You are invited/, seen);
    const link = confirmLinkIn(invitation);
    expect((await fetch(link)).status).toBe(200);
    const guest = await newPage();
    await signInWithLink(guest, link);
    await guest.waitForURL(`${baseUrl()}/admin/profile`);

    await guest.getByLabel("Name readers will see").fill("Jo Guest");
    await guest.getByLabel("About you").fill("Jo works with people leaving prison.");
    await guest.getByRole("button", { name: "Save profile" }).click();
    await guest.getByText("Profile saved.").waitFor();

    // The guest writes; a reload before autosave loses nothing.
    await guest.goto(`${baseUrl()}/admin/posts`);
    await guest.getByLabel("Start a new post").fill(title);
    await guest.getByRole("button", { name: "Create draft" }).click();
    await guest.waitForURL(/\/admin\/posts\/[a-z0-9]+$/);
    const postUrl = guest.url();
    const postId = postUrl.split("/").at(-1)!;
    await (await markdownField(guest)).fill("The first week is **the hardest**.");
    await guest.getByTestId("preview").getByText("the hardest").waitFor();
    await waitForSaved(guest);
    await (await markdownField(guest)).fill("The first week is **the hardest**.\n\nUnsaved paragraph.");
    await guest.reload();
    await guest.getByText("Restored changes from this browser").waitFor();
    expect(await (await markdownField(guest)).inputValue()).toContain("Unsaved paragraph.");
    await waitForSaved(guest);

    // Bad input: an over-long title is refused with a message, and the text stays.
    await guest.getByLabel("Title", { exact: true }).fill("x".repeat(170));
    await guest.getByText("The title must be at most 160 characters.").first().waitFor({ timeout: 20_000 });
    expect(await (await markdownField(guest)).inputValue()).toContain("Unsaved paragraph.");
    await guest.getByLabel("Title", { exact: true }).fill(title);
    await waitForSaved(guest);

    seen = await outboxFiles();
    await guest.getByRole("button", { name: "Submit for review" }).click();
    await guest.getByText(/^Submitted for review\. The editors have been told/).first().waitFor();
    await waitForMail("editor@docket.localhost", /^Submitted for review:/, seen);
    await guest.reload();
    await guest.getByText("locked until an editor responds").waitFor();
    expect(await guest.getByLabel("Text (markdown)").count()).toBe(0);
    expect(await guest.getByRole("textbox", { name: "Text", exact: true }).count()).toBe(0);

    // The editor finds it in the queue and asks for changes.
    await editor.goto(`${baseUrl()}/admin/review`);
    await editor.getByRole("link", { name: title }).click();
    await editor.waitForURL(postUrl);
    seen = await outboxFiles();
    await editor.getByLabel("Feedback for the authors").fill("Please add a line on housing.");
    await editor.getByRole("button", { name: "Request changes" }).click();
    await editor.getByText("Changes requested. The authors have been emailed.").waitFor();
    expect(await waitForMail(guestEmail, /^Changes requested:/, seen)).toContain("Please add a line on housing.");

    // The guest revises and resubmits.
    await guest.goto(postUrl);
    await guest.getByText("Please add a line on housing.").waitFor();
    await (await markdownField(guest)).fill("The first week is **the hardest**.\n\nHousing comes first.");
    await waitForSaved(guest);
    await guest.getByRole("button", { name: "Submit for review" }).click();
    await guest.getByText(/^Submitted for review\./).waitFor();

    // The editor schedules it (UK time).
    await editor.goto(postUrl);
    seen = await outboxFiles();
    await editor.getByLabel("Publish on (UK time)").fill(toLondonLocal(new Date(Date.now() + 10 * 60 * 1000)));
    await editor.getByRole("button", { name: "Schedule" }).click();
    await editor.getByText("Scheduled.").first().waitFor();
    await waitForMail(guestEmail, /^Scheduled:/, seen);
    const [scheduled] = await query<{ status: string; slug: string }>(`SELECT status, slug FROM "Post" WHERE id = $1`, [postId]);
    expect(scheduled.status).toBe("SCHEDULED");
    expect((await fetch(`${baseUrl()}/posts/${scheduled.slug}`)).status).toBe(404);

    // Time passes: the moment arrives and the worker's job publishes it.
    seen = await outboxFiles();
    await query(`UPDATE "Post" SET "scheduledFor" = now() - interval '1 second' WHERE id = $1`, [postId]);
    let status = "SCHEDULED";
    for (let attempt = 0; attempt < 150 && status !== "PUBLISHED"; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      [{ status }] = await query<{ status: string }>(`SELECT status FROM "Post" WHERE id = $1`, [postId]);
    }
    expect(status).toBe("PUBLISHED");
    await waitForMail(guestEmail, /^Published:/, seen);

    const reader = await newPage();
    const response = await reader.goto(`${baseUrl()}/posts/${scheduled.slug}`);
    expect(response?.status()).toBe(200);
    await reader.getByRole("heading", { name: title }).waitFor();
    await reader.getByText("Housing comes first.").waitFor();
    expect(await reader.content()).not.toContain(guestEmail);

    const audit = await query<{ action: string }>(`SELECT action FROM "AuditLog" WHERE "entityId" = $1 ORDER BY "createdAt"`, [postId]);
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["post.submitted", "post.changes-requested", "post.scheduled", "post.published-on-schedule"]),
    );
  });

  it("keeps signed-out visitors and the wrong roles out of the admin", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl()}/admin/review`);
    await page.waitForURL(`${baseUrl()}/admin/sign-in?callbackUrl=%2Fadmin%2Freview`);
    await signInAs(page, "guest@docket.localhost");
    const nav = page.getByRole("navigation", { name: "Admin" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Dashboard", "Posts"]);
    // The admin streams, so the refusal is a page rather than a status code; the queue never renders.
    await page.goto(`${baseUrl()}/admin/review`);
    await page.getByRole("heading", { name: "Not available" }).waitFor();
    expect(await page.getByRole("heading", { name: "Review queue" }).count()).toBe(0);
  });

  it("asks before putting back a browser copy older than the post's last save", async () => {
    const [post] = await query<{ id: string; title: string }>(`SELECT id, title FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`);
    const page = await newPage();
    await signInAs(page, "admin@docket.localhost"); // the editor's address has used its 5 links per 15 minutes
    await page.goto(`${baseUrl()}/admin/posts/${post.id}`);
    await page.locator("#title").waitFor();
    await page.evaluate(
      ({ id, title }) => {
        const fields = { title: `${title} (stale copy)`, slug: "stale", standfirst: "", bodyMarkdown: "Stale text", categoryId: "", tags: "", seriesId: "", seriesPosition: "", coverImageUrl: "", coverImageAlt: "", coAuthorIds: [], commentsOpen: true };
        localStorage.setItem(`docket:post-draft:${id}`, JSON.stringify({ dirty: true, changedAt: "2020-01-01T09:00:00.000Z", fields }));
      },
      { id: post.id, title: post.title },
    );
    await page.reload();
    const question = page.getByRole("alert").filter({ hasText: "never saved, but the post has been saved since" });
    await question.waitFor();
    expect(await page.locator("#title").inputValue()).toBe(post.title);
    await page.getByRole("button", { name: "Keep the saved version" }).click();
    await question.waitFor({ state: "detached" });
    const stored = await page.evaluate((id) => JSON.parse(localStorage.getItem(`docket:post-draft:${id}`) ?? "{}"), post.id);
    expect(stored).toMatchObject({ dirty: false, fields: { title: post.title } });
    await page.reload();
    await page.locator("#title").waitFor();
    await page.waitForTimeout(1500); // the browser copy is read after hydration
    expect(await question.count()).toBe(0);
  });

  it("a used or expired sign-in link says so clearly", async () => {
    const page = await newPage();
    const seen = await outboxFiles();
    await page.goto(`${baseUrl()}/admin/sign-in`);
    await page.getByLabel("Email address").fill("author@docket.localhost");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    const link = confirmLinkIn(await waitForMail("author@docket.localhost", /^Sign in to/, seen));
    await signInWithLink(page, link);
    await page.waitForURL(`${baseUrl()}/admin`);
    const other = await newPage();
    await signInWithLink(other, link);
    await other.getByText("This sign-in link has expired or has already been used.").waitFor();
  });
});
