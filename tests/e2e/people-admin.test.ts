// People admin on a production build: an admin's role change and deactivation reach a person's open
// session on its very next request; an editor edits a byline, picture included, and a signed-out
// reader sees it on the next request without the pen name's real name.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import sharp from "sharp";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

/** A browser signed in as `userId` through a session made directly in the database. */
async function pageSignedInAs(userId: string): Promise<Page> {
  const token = randomBytes(24).toString("hex");
  await client.query(`INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 hour')`, [
    `people-${token.slice(0, 8)}`,
    token,
    userId,
  ]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseUrl() }]);
  return context.newPage();
}

async function userIdWithRole(role: string): Promise<string> {
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE role = $1 AND "deactivatedAt" IS NULL ORDER BY "createdAt" LIMIT 1`, [role]);
  return rows[0].id;
}

/** A new guest author with a byline of their own, so the demo people stay as they are. */
async function newGuest(marker: string) {
  const { rows } = await client.query<{ id: string }>(`INSERT INTO "User" (id, email, role, "updatedAt") VALUES ($1, $2, 'GUEST', now()) RETURNING id`, [
    `guest-${marker}`,
    `guest.${marker}@example.org`,
  ]);
  await client.query(`INSERT INTO "AuthorProfile" (id, slug, "displayName", "userId", "updatedAt") VALUES ($1, $1, $2, $3, now())`, [
    `guest-byline-${marker}`,
    `Guest ${marker}`,
    rows[0].id,
  ]);
  return { id: rows[0].id, email: `guest.${marker}@example.org`, profileId: `guest-byline-${marker}` };
}

describe("people admin", () => {
  it("changes a role and deactivates a login, each taking effect on the person's next request", { timeout: 120_000 }, async () => {
    const marker = randomBytes(3).toString("hex");
    const guest = await newGuest(marker);
    const person = await pageSignedInAs(guest.id);
    const admin = await pageSignedInAs(await userIdWithRole("ADMIN"));

    // A guest author may not review.
    expect((await person.goto(`${baseUrl()}/admin/review`))?.status()).toBe(403);
    await expect(person.locator("h1").textContent()).resolves.toBe("Not available");

    await admin.goto(`${baseUrl()}/admin/people`);
    await admin.getByRole("link", { name: guest.email }).click();
    await admin.waitForURL(`${baseUrl()}/admin/people/logins/${guest.id}`);
    await admin.getByRole("radio", { name: /^Editor:/ }).check();
    await admin.getByRole("button", { name: "Change role" }).click();
    await admin.getByText(`${guest.email} is now an editor.`).waitFor();

    // The person's open session has the new role at once: no signing in again.
    expect((await person.goto(`${baseUrl()}/admin/review`))?.status()).toBe(200);
    await expect(person.locator("h1").textContent()).resolves.toBe("Review queue");

    await admin.getByRole("button", { name: "Deactivate this login" }).click();
    await admin.getByText(`${guest.email} is deactivated and signed out everywhere. Their posts and bylines stay.`).waitFor();
    await admin.getByRole("button", { name: "Reactivate this login" }).waitFor();

    // The next request from the open session is refused: back to signing in.
    const refused = await person.goto(`${baseUrl()}/admin/review`);
    expect(refused?.request().redirectedFrom()?.url()).toBe(`${baseUrl()}/admin/review`);
    await person.waitForURL(/\/admin\/sign-in/);
    // So is a session that somehow survived.
    const survivor = await pageSignedInAs(guest.id);
    await survivor.goto(`${baseUrl()}/admin`);
    await survivor.waitForURL(/\/admin\/sign-in/);
    // The byline stays, marked on its page.
    await admin.goto(`${baseUrl()}/admin/people/bylines/${guest.profileId}`);
    await admin.getByText(`${guest.email} (deactivated)`).waitFor();

    await admin.goto(`${baseUrl()}/admin/people/logins/${guest.id}`);
    await admin.getByRole("button", { name: "Reactivate this login" }).click();
    await admin.getByText(`${guest.email} is active again and can sign in with an emailed link.`).waitFor();
  });

  it("refuses the last admin's own demotion with a message", async () => {
    const adminId = await userIdWithRole("ADMIN");
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM "User" WHERE role = 'ADMIN' AND "deactivatedAt" IS NULL`);
    expect(rows[0].count, "the demo content has exactly one admin").toBe("1");
    const admin = await pageSignedInAs(adminId);
    await admin.goto(`${baseUrl()}/admin/people/logins/${adminId}`);
    await admin.getByRole("radio", { name: /^Author:/ }).check();
    await admin.getByRole("button", { name: "Change role" }).click();
    await admin.getByText("There must always be an active admin: make someone else an admin before changing this login's role.").waitFor();
    // What was chosen stays chosen.
    expect(await admin.getByRole("radio", { name: /^Author:/ }).isChecked()).toBe(true);
    expect(await admin.getByText("You cannot deactivate your own login: another admin can.").isVisible()).toBe(true);
    const after = await client.query<{ role: string }>(`SELECT role FROM "User" WHERE id = $1`, [adminId]);
    expect(after.rows[0].role).toBe("ADMIN");
  });

  it("lets an editor edit any byline, picture included; a signed-out reader sees it on the next request, never the real name", { timeout: 120_000 }, async () => {
    const marker = randomBytes(3).toString("hex");
    // A pen name with a published post of its own (dated long ago, so other tests' "latest post" stays theirs).
    const byline = { id: `pen-${marker}`, slug: `pen-${marker}`, realName: `Realname Secretwood ${marker}` };
    await client.query(`INSERT INTO "AuthorProfile" (id, slug, "displayName", "isPseudonymous", "realName", "updatedAt") VALUES ($1, $1, $2, true, $3, now())`, [
      byline.id,
      `The Pen ${marker}`,
      byline.realName,
    ]);
    const post = { id: `pen-post-${marker}`, slug: `pen-post-${marker}` };
    await client.query(
      `INSERT INTO "Post" (id, slug, title, "bodyHtml", status, "publishedAt", "updatedAt") VALUES ($1, $1, $2, '<p>From the night shift.</p>', 'PUBLISHED', '2002-01-01', now())`,
      [post.id, `Notes from a pen ${marker}`],
    );
    await client.query(`INSERT INTO "PostAuthor" ("postId", "profileId", position) VALUES ($1, $2, 0)`, [post.id, byline.id]);

    const reader = await browser.newContext();
    contexts.push(reader);
    const readerPage = await reader.newPage();
    await readerPage.goto(`${baseUrl()}/authors/${byline.slug}`);
    await expect(readerPage.locator("h1").textContent()).resolves.toBe(`The Pen ${marker}`);

    const editor = await pageSignedInAs(await userIdWithRole("EDITOR"));
    await editor.goto(`${baseUrl()}/admin/people`);
    await editor.getByRole("link", { name: `The Pen ${marker}` }).click();
    await editor.waitForURL(`${baseUrl()}/admin/people/bylines/${byline.id}`);

    const picture = await sharp({ create: { width: 400, height: 400, channels: 3, background: "#2f5d50" } }).png().toBuffer();
    const pictureField = editor.getByRole("group", { name: "Picture" });
    await pictureField.getByLabel(/^Upload an image/).setInputFiles({ name: "portrait.png", mimeType: "image/png", buffer: picture });
    await pictureField.locator("img").waitFor();
    const newName = `Night Shift ${marker}`;
    await editor.getByLabel("Name readers see").fill(newName);
    await editor.getByLabel("Author page address").fill(`night-shift-${marker}`);
    await editor.getByLabel("Bio").fill(`Writes from the night shift (${marker}).`);

    // A bad website is refused with a message on the field, and nothing typed is lost.
    await editor.getByLabel("Website").fill("not a website");
    await editor.getByRole("button", { name: "Save byline" }).click();
    await editor.locator("#website-error").getByText("Enter a website starting with https://.").waitFor();
    expect(await editor.getByLabel("Website").getAttribute("aria-invalid")).toBe("true");
    expect(await editor.getByLabel("Name readers see").inputValue()).toBe(newName);
    expect(await editor.getByLabel("Real name (editors only; never shown to readers)").inputValue()).toBe(byline.realName);

    await editor.getByLabel("Website").fill("https://nightshift.example.org");
    await editor.getByRole("button", { name: "Save byline" }).click();
    await editor.getByText(`Byline saved. Its author page is now at /authors/night-shift-${marker}; the old address leads there.`).waitFor();

    // The reader's next request shows the new byline at its new address, picture and all.
    const response = await readerPage.goto(`${baseUrl()}/authors/night-shift-${marker}`);
    expect(response?.status()).toBe(200);
    await expect(readerPage.locator("h1").textContent()).resolves.toContain(newName);
    await expect(readerPage.getByText(`Writes from the night shift (${marker}).`).isVisible()).resolves.toBe(true);
    const avatar = readerPage.locator("img.avatar").first();
    expect(await avatar.getAttribute("src")).toMatch(/^\/uploads\//);
    const loadedWidth = await avatar.evaluate((image: HTMLImageElement) =>
      image.complete ? image.naturalWidth : new Promise<number>((resolve) => image.addEventListener("load", () => resolve(image.naturalWidth))),
    );
    expect(loadedWidth).toBeGreaterThan(0);
    expect(await readerPage.content()).not.toContain(byline.realName);
    await readerPage.goto(`${baseUrl()}/posts/${post.slug}`);
    await expect(readerPage.locator(".byline__name").allTextContents()).resolves.toContain(newName);
    expect(await readerPage.content()).not.toContain(byline.realName);
    // The old address leads to the new one.
    await readerPage.goto(`${baseUrl()}/authors/${byline.slug}`);
    expect(new URL(readerPage.url()).pathname).toBe(`/authors/night-shift-${marker}`);
    const moved = await fetch(`${baseUrl()}/authors/${byline.slug}/feed.xml`, { redirect: "manual" });
    expect(moved.status).toBe(308);
    expect(new URL(moved.headers.get("location")!.split(", ")[0], baseUrl()).pathname).toBe(`/authors/night-shift-${marker}/feed.xml`);
    for (const feed of [`/authors/night-shift-${marker}/feed.xml`, "/sitemap.xml"]) {
      expect(await (await fetch(`${baseUrl()}${feed}`)).text(), feed).not.toContain(byline.realName);
    }
  });
});
