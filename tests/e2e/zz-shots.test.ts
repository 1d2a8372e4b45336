// Scratch: screenshots for review (not committed).
import type pg from "pg";
import { afterAll, beforeAll, it } from "vitest";
import { baseUrl, connectToTestDatabase, openBrowser, sessionCookieFor } from "../helpers/e2e";
import type { Browser } from "playwright-core";

let client: pg.Client;
let browser: Browser;
beforeAll(async () => {
  client = await connectToTestDatabase();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser.close();
  await client.end();
});

it("takes screenshots", async () => {
  // A finished run with uncertain deliveries: two left by a stopped worker, one by a broken connection.
  const { STOPPED_MID_TRANSACTION } = await import("@/features/digest/mutations");
  await client.query(`INSERT INTO "DigestRun" (id, "windowStart", "windowEnd", status, "postIds", "audienceSize", "sentCount", "uncertainCount", "finishedAt") VALUES ('shots-run', now() - interval '2 days', now() - interval '1 day', 'COMPLETED', '{}', 5, 2, 3, now() - interval '1 day') ON CONFLICT DO NOTHING`);
  const subs = (await client.query<{ id: string }>(`SELECT id FROM "Subscriber" ORDER BY id LIMIT 5`)).rows;
  const statuses = ["UNCERTAIN", "UNCERTAIN", "UNCERTAIN", "SENT", "SENT"];
  for (const [index, sub] of subs.entries()) {
    const error = index < 2 ? STOPPED_MID_TRANSACTION : index === 2 ? "Connection closed unexpectedly" : null;
    await client.query(`INSERT INTO "DigestDelivery" (id, "runId", "subscriberId", status, attempts, error) VALUES ($1, 'shots-run', $2, $3::"DeliveryStatus", 1, $4) ON CONFLICT DO NOTHING`, [`shots-${index}`, sub.id, statuses[index], error]);
  }
  const editor = await sessionCookieFor(client, "EDITOR");
  const { rows: [post] } = await client.query<{ slug: string }>(`SELECT slug FROM "Post" WHERE status = 'PUBLISHED' AND "commentsOpen" ORDER BY "publishedAt" DESC LIMIT 1`);
  const pages: [string, string, boolean][] = [
    ["digest-run", "/admin/digest?run=shots-run", true],
    ["sign-in", "/admin/sign-in", false],
    ["subscribe", "/subscribe", false],
    ["admin-404-broken-id", "/admin/posts/%25ZZ", true],
    ["post", `/posts/${post.slug}#respond`, false],
  ];
  for (const [name, path, signedIn] of pages) {
    for (const [device, viewport] of [["phone", { width: 375, height: 800 }], ["desktop", { width: 1280, height: 900 }]] as const) {
      for (const scheme of ["light", "dark"] as const) {
        const context = await browser.newContext({ viewport, colorScheme: scheme });
        if (signedIn) await context.addCookies([editor]);
        const page = await context.newPage();
        await page.goto(`${baseUrl()}${path}`);
        await page.waitForLoadState("networkidle").catch(() => {});
        await page.screenshot({ path: `/tmp/shots-one-way/${name}-${device}-${scheme}.png`, fullPage: name !== "post" });
        await context.close();
      }
    }
  }
}, 300_000);
