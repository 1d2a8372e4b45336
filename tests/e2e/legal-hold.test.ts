// A legal hold in Chromium, read through the README's nginx front: an editor puts the newest published
// post on hold from its admin page, and every reader surface answers without it (polled, with the
// time it took printed); its address answers 451 with a short noindex notice. Lifting the hold puts
// each surface back.
import type pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import { baseUrl, connectToTestDatabase, openBrowser, signedInPage } from "../helpers/e2e";
import { startReadmeNginx } from "../helpers/nginx";
import { writeTagInvalidations } from "@/lib/cache/shared-tags";

let browser: Browser;
let client: pg.Client;
let front: Awaited<ReturnType<typeof startReadmeNginx>> | undefined;

beforeAll(async () => {
  browser = await openBrowser();
  client = await connectToTestDatabase();
  front = await startReadmeNginx([Number(new URL(baseUrl()).port)]);
});
afterAll(async () => {
  await browser?.close();
  await client?.end();
  await front?.stop();
});

type Target = { id: string; slug: string; title: string; series: string; category: string; tag: string; author: string; sibling: string };

/** The newest published post that is in a series (with another published post), a category and a tag. */
async function newestPostEverywhere(): Promise<Target> {
  const { rows } = await client.query<Target>(
    `SELECT p.id, p.slug, p.title, s.slug AS series, c.slug AS category, t.slug AS tag, a.slug AS author,
            (SELECT o.slug FROM "Post" o WHERE o."seriesId" = p."seriesId" AND o.id <> p.id AND o.status = 'PUBLISHED' ORDER BY o."publishedAt" DESC LIMIT 1) AS sibling
       FROM "Post" p JOIN "Series" s ON s.id = p."seriesId" JOIN "Category" c ON c.id = p."categoryId"
       JOIN "PostTag" pt ON pt."postId" = p.id JOIN "Tag" t ON t.id = pt."tagId"
       JOIN "PostAuthor" pa ON pa."postId" = p.id AND pa.position = 0 JOIN "AuthorProfile" a ON a.id = pa."profileId"
      WHERE p.status = 'PUBLISHED' AND NOT EXISTS (SELECT 1 FROM "LegalHold" h WHERE h."postId" = p.id)
      ORDER BY p."publishedAt" DESC LIMIT 1`,
  );
  const post = rows[0];
  expect(post.sibling).toBeTruthy();
  // The newest post of all (other tests may have published since the demo content), so the home page's first page lists it.
  await client.query(`UPDATE "Post" SET "publishedAt" = now() WHERE id = $1 AND "publishedAt" < (SELECT max("publishedAt") FROM "Post" WHERE status = 'PUBLISHED')`, [post.id]);
  await writeTagInvalidations(client, ["site", "posts", `post:${post.slug}`]);
  return post;
}

/** A working preview link to the post (it leads to the post while it is published and not held). */
async function previewLinkTo(postId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await client.query(`INSERT INTO "PreviewLink" (id, "postId", "tokenHash", "expiresAt") VALUES ($1, $2, $3, now() + interval '1 day')`, [
    `e2e-${token.slice(0, 12)}`,
    postId,
    createHash("sha256").update(token).digest("hex"),
  ]);
  return `/preview/${token}`;
}

type Surface = { name: string; path: string; shows: (answer: { status: number; text: string; location: string | null }) => boolean };

function surfacesOf(post: Target, preview: string): Surface[] {
  const link = new RegExp(`/posts/${post.slug}(?![\\w-])`);
  const listed = (name: string, path: string): Surface => ({ name, path, shows: ({ status, text }) => status === 200 && link.test(text) });
  const searchWord = post.title.split(/\W+/).filter((word) => word.length > 4).sort((a, b) => b.length - a.length)[0];
  return [
    { name: "post page", path: `/posts/${post.slug}`, shows: ({ status, text }) => status === 200 && text.includes('id="post-title"') },
    { name: "share image", path: `/posts/${post.slug}/share-image.png`, shows: ({ status }) => status === 200 },
    listed("home", "/"),
    listed("feed", "/feed.xml"),
    listed("Atom feed", "/atom.xml"),
    listed("sitemap", "/sitemap.xml"),
    listed("search", `/search?q=${encodeURIComponent(searchWord)}`),
    listed("series page", `/series/${post.series}`),
    listed("series box and related posts", `/posts/${post.sibling}`),
    listed("category page", `/categories/${post.category}`),
    listed("tag page", `/tags/${post.tag}`),
    listed("author page", `/authors/${post.author}`),
    listed("author feed", `/authors/${post.author}/feed.xml`),
    { name: "preview link", path: preview, shows: ({ status, location }) => status === 307 && (location ?? "").endsWith(`/posts/${post.slug}`) },
  ];
}

async function viaNginx(path: string) {
  const response = await fetch(`${front!.url}${path}`, { redirect: "manual" });
  return { status: response.status, text: await response.text(), location: response.headers.get("location") };
}

/** Polls every surface through nginx until each shows the post (or not); returns how long each took. */
async function waitForEvery(surfaces: Surface[], showing: boolean, since: number): Promise<Record<string, number>> {
  const took: Record<string, number> = {};
  const pending = new Set(surfaces);
  while (pending.size > 0) {
    // Each round asks every surface still pending at once, so one slow answer does not delay the others' times.
    await Promise.all(
      [...pending].map(async (surface) => {
        if (surface.shows(await viaNginx(surface.path)) !== showing) return;
        took[surface.name] = Date.now() - since;
        pending.delete(surface);
      }),
    );
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return took;
}

async function pressWithReason(page: Page, field: string, reason: string, button: string) {
  await page.getByLabel(field).fill(reason);
  await page.getByRole("button", { name: button }).click();
}

describe("a legal hold through the nginx front", () => {
  it("takes the post off every surface, answers 451 at its address, and lifting it puts everything back", { timeout: 300_000 }, async () => {
    const post = await newestPostEverywhere();
    const surfaces = surfacesOf(post, await previewLinkTo(post.id));
    // Every surface shows it, through nginx (and so each is in nginx's cache before the hold).
    await waitForEvery(surfaces, true, Date.now());

    const editor = await signedInPage(browser, client, "editor@docket.localhost");
    await editor.goto(`${baseUrl()}/admin/posts/${post.id}`);
    await pressWithReason(editor, "Reason for a hold", "A postponement order was made today.", "Put on hold");
    await expect.poll(() => editor.getByText("On hold since").count(), { timeout: 30_000 }).toBe(1);
    const heldAt = Date.now();
    const gone = await waitForEvery(surfaces, false, heldAt);
    console.log(`[legal hold] gone through nginx after (ms): ${JSON.stringify(gone)}`);

    const notice = await viaNginx(`/posts/${post.slug}`);
    expect(notice.status).toBe(451);
    expect(notice.text).toContain("Unavailable for legal reasons");
    expect(notice.text).toMatch(/<meta name="robots" content="noindex, nofollow"\/?>/);
    expect(notice.text).not.toContain(post.title);
    expect(notice.text).not.toContain("postponement order");

    // The notice in the site's design, as a reader sees it.
    const reader = await browser.newPage();
    const answer = await reader.goto(`${front!.url}/posts/${post.slug}`);
    expect(answer?.status()).toBe(451);
    await expect.poll(() => reader.getByRole("heading", { name: "Unavailable for legal reasons" }).count()).toBe(1);
    expect(await reader.locator("header").first().count()).toBe(1);
    await reader.close();

    await editor.reload();
    await pressWithReason(editor, "Why the hold can be lifted", "The order was discharged.", "Lift the hold");
    await expect.poll(() => editor.getByText("On hold since").count(), { timeout: 30_000 }).toBe(0);
    const liftedAt = Date.now();
    const back = await waitForEvery(surfaces, true, liftedAt);
    console.log(`[legal hold] back through nginx after (ms): ${JSON.stringify(back)}`);
    expect((await viaNginx(`/posts/${post.slug}`)).text).toContain(post.title.replaceAll("'", "&#x27;").split("&")[0]);

    const { rows } = await client.query(`SELECT action, details FROM "AuditLog" WHERE "entityId" = $1 AND action LIKE 'legal.hold%' ORDER BY "createdAt"`, [post.id]);
    expect(rows).toEqual([
      { action: "legal.hold-placed", details: { reason: "A postponement order was made today." } },
      { action: "legal.hold-lifted", details: { reason: "The order was discharged." } },
    ]);
    await editor.context().close();
  });
});
