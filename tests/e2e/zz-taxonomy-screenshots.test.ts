// TEMPORARY (not committed): screenshots of the new screens, phone and desktop, light and dark.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, it } from "vitest";
import { baseUrl, connectToTestDatabase, openBrowser } from "../helpers/e2e";

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

it("takes screenshots", { timeout: 600_000 }, async () => {
  const token = randomBytes(24).toString("hex");
  await client.query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires) SELECT $1, $2, id, now() + interval '1 hour' FROM "User" WHERE role = 'EDITOR' ORDER BY "createdAt" LIMIT 1`,
    [`shots-${token.slice(0, 8)}`, token],
  );
  const q = async (sql: string) => (await client.query(sql)).rows[0];
  const series = await q(`SELECT id, slug FROM "Series" WHERE "coverImageUrl" IS NOT NULL ORDER BY "createdAt" DESC LIMIT 1`);
  const category = await q(`SELECT id, slug FROM "Category" WHERE "sponsorLogoUrl" IS NOT NULL ORDER BY id DESC LIMIT 1`);
  const tag = await q(`SELECT id, slug FROM "Tag" WHERE slug LIKE 'night-work-%' LIMIT 1`);
  const post = await q(`SELECT slug FROM "Post" WHERE "seriesId" = '${series.id}' LIMIT 1`);
  const pages: [string, string, boolean][] = [
    ["admin-series", "/admin/series", true],
    ["admin-series-new", "/admin/series/new", true],
    ["admin-series-edit", `/admin/series/${series.id}`, true],
    ["admin-categories", "/admin/categories", true],
    ["admin-categories-new", "/admin/categories/new", true],
    ["admin-categories-edit", `/admin/categories/${category.id}`, true],
    ["admin-tags", "/admin/tags", true],
    ["admin-tags-edit", `/admin/tags/${tag.id}`, true],
    ["reader-series-list", "/series", false],
    ["reader-series", `/series/${series.slug}`, false],
    ["reader-category", `/categories/${category.slug}`, false],
    ["reader-post", `/posts/${post.slug}`, false],
  ];
  for (const [width, height, label] of [[390, 844, "phone"], [1280, 900, "desktop"]] as const) {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme });
      await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseUrl() }]);
      const page = await context.newPage();
      for (const [name, path] of pages) {
        await page.goto(`${baseUrl()}${path}`);
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: `/tmp/shots/${name}-${label}-${colorScheme}.png`, fullPage: true });
      }
      // Error states.
      await page.goto(`${baseUrl()}/admin/series/new`);
      await page.getByRole("button", { name: "Create series" }).click();
      await page.getByText("Give the series a title.").first().waitFor();
      await page.screenshot({ path: `/tmp/shots/admin-series-new-error-${label}-${colorScheme}.png`, fullPage: true });
      await page.goto(`${baseUrl()}/admin/categories/new`);
      await page.getByLabel("The line shown").fill("x");
      await page.getByRole("button", { name: "Create category" }).click();
      await page.getByText("Name the sponsor").first().waitFor();
      await page.screenshot({ path: `/tmp/shots/admin-categories-new-error-${label}-${colorScheme}.png`, fullPage: true });
      await context.close();
    }
  }
});
