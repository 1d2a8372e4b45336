import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, connectToTestDatabase, openBrowser } from "../helpers/e2e";

let browser: Browser;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function latestPublishedTitle(): Promise<string> {
  const client = await connectToTestDatabase();
  try {
    const result = await client.query<{ title: string }>(
      `SELECT title FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`,
    );
    return result.rows[0].title;
  } finally {
    await client.end();
  }
}

describe("home page on a production build", () => {
  it("shows the latest demo post from the database", async () => {
    const title = await latestPublishedTitle();
    const page = await browser.newPage();
    const response = await page.goto(baseUrl());
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("link", { name: title }).first().isVisible()).resolves.toBe(true);
    await page.close();
  });
});
