// Subscribing on a production build: the site-wide box → the confirmation email in the outbox →
// confirm → change preferences → unsubscribe; the form without JavaScript; the RFC 8058 one-click
// POST with no session; and the editor's subscriber, digest and outbox pages.
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import type pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, connectToTestDatabase, openBrowser, readOutbox } from "../helpers/e2e";

const EDITOR_EMAIL = "editor@docket.localhost";
const SUCCESS = "Thanks. If that address can receive our emails, a confirmation link is on its way.";
const screenshotDir = process.env.SCREENSHOT_DIR;

let browser: Browser;
let client: pg.Client;

beforeAll(async () => {
  browser = await openBrowser();
  client = await connectToTestDatabase();
  if (screenshotDir) await mkdir(screenshotDir, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await client?.end();
});

const unique = () => randomBytes(4).toString("hex");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function shoot(page: Page, name: string, { dark = false } = {}) {
  if (!screenshotDir) return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${width}.png`), fullPage: true });
  }
  if (dark) {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: path.join(screenshotDir, `${name}-dark-1280.png`), fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
  }
}

/** The newest email to `address` whose subject matches, parsed. */
async function waitForMail(address: string, subject: RegExp) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const candidates = (await readOutbox()).filter((mail) => mail.raw.includes(`To: ${address}`)).reverse();
    for (const candidate of candidates) {
      const parsed = await simpleParser(candidate.raw);
      if (subject.test(parsed.subject ?? "")) return parsed;
    }
    await sleep(100);
  }
  throw new Error(`no email "${subject}" to ${address} in the outbox`);
}

async function subscriberRow(email: string) {
  return (
    await client.query<{ id: string; status: string; allPosts: boolean; series: number }>(
      `SELECT s.id, s.status, s."allPosts", (SELECT count(*)::int FROM "SubscriberSeries" ss WHERE ss."subscriberId" = s.id) AS series
       FROM "Subscriber" s WHERE email = $1`,
      [email],
    )
  ).rows[0];
}

async function subscribeThroughBox(page: Page, email: string) {
  const box = page.locator("section", { has: page.getByRole("heading", { name: "Get every post by email, free" }) }).last();
  await box.getByLabel("Email address").fill(email);
  await box.getByRole("button", { name: "Subscribe" }).click();
  await expect(box.getByRole("status").filter({ hasText: "Thanks." }).textContent()).resolves.toContain(SUCCESS);
}

async function confirmFromEmail(page: Page, email: string) {
  const mail = await waitForMail(email, /Confirm your subscription/);
  const link = (mail.text ?? "").match(/https?:\/\/\S+\/subscription\/confirm\?token=\S+/)?.[0];
  expect(link, "the confirmation email carries the link").toBeDefined();
  expect(mail.html).toContain(link);
  await page.goto(link!);
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await page.waitForURL(/\/subscription\/preferences\?token=/);
}

async function signInAsEditor(context: BrowserContext, target: string): Promise<Page> {
  const page = await context.newPage();
  const before = new Set((await readOutbox()).map((mail) => mail.file));
  await page.goto(`${baseUrl()}/admin/sign-in?callbackUrl=${encodeURIComponent(target)}`);
  await page.getByLabel("Email address").fill(EDITOR_EMAIL);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  let link: string | undefined;
  for (let attempt = 0; attempt < 100 && !link; attempt++) {
    const fresh = (await readOutbox()).filter((mail) => !before.has(mail.file) && mail.raw.includes(`To: ${EDITOR_EMAIL}`));
    const unfolded = fresh.map((mail) => mail.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=")).join("\n");
    link = unfolded.match(/https?:\/\/[^\s"<]+\/admin\/sign-in\/confirm\?[^\s"<]+/)?.[0].replace(/&amp;/g, "&");
    if (!link) await sleep(100);
  }
  expect(link, "a sign-in link reached the outbox").toBeDefined();
  await page.goto(link!);
  await page.getByRole("button", { name: "Continue and sign in" }).click();
  await page.waitForURL((url) => url.pathname === target.split("?")[0]);
  return page;
}

describe("a reader's subscription", () => {
  const email = `reader-${unique()}@example.org`;
  let unsubscribeToken = "";

  it("subscribe → confirm from the email → change preferences → unsubscribe", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/`);
    await shoot(page, "home-with-subscribe-box", { dark: true });
    await subscribeThroughBox(page, email);
    expect(await subscriberRow(email)).toMatchObject({ status: "PENDING" });

    await confirmFromEmail(page, email);
    await expect(page.getByRole("status").first().textContent()).resolves.toContain("You are subscribed.");
    expect(await subscriberRow(email)).toMatchObject({ status: "ACTIVE", allPosts: true });
    await expect(page.locator("main").textContent()).resolves.not.toContain(email);
    await shoot(page, "preferences", { dark: true });

    await page.getByLabel("Only posts from the series and categories I tick").check();
    await page.getByRole("button", { name: "Save my choices" }).click();
    await expect(page.locator("main").getByRole("alert").textContent()).resolves.toBe("Pick at least one series or category, or choose all posts.");
    const firstSeries = page.locator('input[name="seriesIds"]').first();
    await firstSeries.check();
    await page.getByRole("button", { name: "Save my choices" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." }).textContent()).resolves.toContain("series and categories you ticked");
    expect(await subscriberRow(email)).toMatchObject({ status: "ACTIVE", allPosts: false, series: 1 });
    await page.reload();
    expect(await page.locator('input[name="seriesIds"]').first().isChecked()).toBe(true);

    await page.getByRole("button", { name: "Unsubscribe from everything" }).click();
    await page.waitForURL(/\/subscription\/unsubscribe\?token=.*done=1/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("You are unsubscribed");
    await shoot(page, "unsubscribed");
    expect(await subscriberRow(email)).toMatchObject({ status: "UNSUBSCRIBED" });
    unsubscribeToken = new URL(page.url()).searchParams.get("token") ?? "";
    await context.close();
  });

  it("answers the same for an address that is already subscribed, and mails that person instead", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/subscribe`);
    await shoot(page, "subscribe-page");
    await subscribeThroughBox(page, email);
    await confirmFromEmail(page, email);
    expect(await subscriberRow(email)).toMatchObject({ status: "ACTIVE" });
    await page.goto(`${baseUrl()}/subscribe`);
    await subscribeThroughBox(page, email);
    await waitForMail(email, /already subscribed/);
    await context.close();
  });

  it("one-click unsubscribe (RFC 8058) works as a bare POST with no session", async () => {
    expect(await subscriberRow(email)).toMatchObject({ status: "ACTIVE" });
    const response = await fetch(`${baseUrl()}/api/unsubscribe?token=${unsubscribeToken}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(200);
    expect(await subscriberRow(email)).toMatchObject({ status: "UNSUBSCRIBED" });
    const forged = await fetch(`${baseUrl()}/api/unsubscribe?token=${unsubscribeToken.slice(0, -2)}xx`, { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect(forged.status).toBe(400);
  });

  it("the subscribe form works without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const noJsEmail = `nojs-${unique()}@example.org`;
    await page.goto(`${baseUrl()}/subscribe`);
    const form = page.locator("main form").first();
    await form.getByLabel("Email address").fill(noJsEmail);
    await form.getByRole("button", { name: "Subscribe" }).click();
    await page.waitForLoadState("load");
    await expect(page.locator("main").textContent()).resolves.toContain(SUCCESS);
    expect(await subscriberRow(noJsEmail)).toMatchObject({ status: "PENDING" });

    await page.goto(`${baseUrl()}/subscribe`);
    await page.locator("main form").first().getByLabel("Email address").fill("not an address");
    await page.locator("main form").first().getByRole("button", { name: "Subscribe" }).click();
    await page.waitForLoadState("load");
    await expect(page.locator("main").textContent()).resolves.toContain("Enter a valid email address, like name@example.org.");
    expect(await page.locator("main form").first().getByLabel("Email address").inputValue()).toBe("not an address");
    await context.close();
  });
});

describe("the editor's pages", () => {
  it("are closed to visitors, including the CSV export", async () => {
    for (const path of ["/admin/subscribers", "/admin/digest", "/admin/outbox"]) {
      const response = await fetch(`${baseUrl()}${path}`, { redirect: "manual" });
      expect([302, 303, 307, 308]).toContain(response.status);
      expect(response.headers.get("location")).toContain("/admin/sign-in");
    }
    const csv = await fetch(`${baseUrl()}/admin/subscribers/export`, { redirect: "manual" });
    expect(csv.status).toBe(401);
  });

  it("list and export subscribers, preview the digest, send a test, and read it in the outbox", async () => {
    const email = `listed-${unique()}@example.org`;
    const visitor = await browser.newContext();
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(`${baseUrl()}/subscribe`);
    await subscribeThroughBox(visitorPage, email);
    await visitor.close();

    const context = await browser.newContext();
    const page = await signInAsEditor(context, "/admin/subscribers");
    await page.getByLabel("Search by address").fill(email.split("@")[0]);
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=listed-/);
    await expect(page.locator("table").textContent()).resolves.toContain(email);
    await shoot(page, "admin-subscribers");

    const csv = await page.request.get(`${baseUrl()}/admin/subscribers/export`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const body = await csv.text();
    expect(body.split("\r\n")[0]).toBe("email,status,receives,series,categories,confirmed_at,subscribed_at,unsubscribed_at,hard_bounces,consent_note");
    expect(body).toContain(`${email},PENDING,all`);

    await page.getByRole("button", { name: `Remove ${email}` }).click();
    await page.waitForURL(/notice=removed/);
    expect(await subscriberRow(email)).toBeUndefined();

    await page.goto(`${baseUrl()}/admin/digest`);
    await expect(page.getByRole("heading", { name: "Tomorrow’s digest" }).isVisible()).resolves.toBe(true);
    const preview = page.frameLocator('iframe[title="Digest preview (HTML)"]');
    await expect(preview.locator("body").textContent()).resolves.toMatch(/Read the post/);
    await page.getByRole("button", { name: `Send a test to ${EDITOR_EMAIL}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test digest queued for" }).textContent()).resolves.toContain(EDITOR_EMAIL);
    await shoot(page, "admin-digest");
    const test = await waitForMail(EDITOR_EMAIL, /^\[Test\]/);
    expect(test.html).toContain("Read the post");
    expect(test.text).toContain("Unsubscribe:");

    await page.goto(`${baseUrl()}/admin/outbox`);
    await page.getByRole("link", { name: test.subject as string }).first().click();
    await page.waitForURL(/\/admin\/outbox\/.+\.eml/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(test.subject);
    await expect(page.locator("dl").textContent()).resolves.toContain("List-Unsubscribe=One-Click");
    await shoot(page, "admin-outbox-message");
    await context.close();
  });
});
