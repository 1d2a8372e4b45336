// Accessibility on a production build, measured in Chromium: landmarks, headings, alt text and WCAG
// 2.2 AA text contrast on every kind of reader page and every admin page, light and dark, and
// keyboard use of a post page.
import type pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, connectToTestDatabase, everyKindOfReaderPage, openBrowser, sessionCookieFor } from "../helpers/e2e";

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

/**
 * Runs in the page: every piece of visible text whose colour, against what is drawn behind it, is
 * under WCAG 2.2 AA contrast (4.5:1, or 3:1 for large text), and what blocks the measurement.
 */
function lowContrastText(): string[] {
  type Rgba = [number, number, number, number];
  const parse = (value: string): Rgba | null => {
    const match = value.match(/^rgba?\(([^)]+)\)$/);
    if (!match) return null;
    const [r, g, b, a = 1] = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => [
    top[0] * top[3] + bottom[0] * (1 - top[3]),
    top[1] * top[3] + bottom[1] * (1 - top[3]),
    top[2] * top[3] + bottom[2] * (1 - top[3]),
    1,
  ];
  const channel = (value: number) => (value / 255 <= 0.03928 ? value / 255 / 12.92 : ((value / 255 + 0.055) / 1.055) ** 2.4);
  const luminance = ([r, g, b]: Rgba) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  /** The colours behind an element, composited up to the first opaque one; null over an image. */
  const backdrop = (element: Element): Rgba | null => {
    const layers: Rgba[] = [];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== "none") return null;
      const color = parse(style.backgroundColor);
      if (color && color[3] > 0) layers.unshift(color);
      if (color?.[3] === 1) break;
    }
    return layers.reduce<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const problems: string[] = [];
  for (const element of document.body.querySelectorAll("*")) {
    const text = [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent ?? "").join("").trim();
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (!text || box.width <= 1 || box.height <= 1 || style.visibility !== "visible") continue;
    const color = parse(style.color);
    const behind = backdrop(element);
    const label = `<${element.tagName.toLowerCase()} class="${element.getAttribute("class") ?? ""}"> "${text.slice(0, 40)}"`;
    if (!color || !behind) {
      problems.push(`${label}: cannot measure (${style.color} on ${style.backgroundImage})`);
      continue;
    }
    const [lighter, darker] = [luminance(over(color, behind)), luminance(behind)].sort((a, b) => b - a);
    const ratio = (lighter + 0.05) / (darker + 0.05);
    const size = parseFloat(style.fontSize);
    const needed = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700) ? 3 : 4.5;
    if (ratio < needed) problems.push(`${label}: ${ratio.toFixed(2)}:1, needs ${needed}:1`);
  }
  return problems;
}

/**
 * Runs in the page: the focused element, whether it can be seen, whether its focus is drawn, and
 * whether it was focused before (marked on the element).
 */
function focusedElement() {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  const again = element.hasAttribute("data-test-focused");
  element.setAttribute("data-test-focused", "");
  return {
    again,
    label: `<${element.tagName.toLowerCase()} id="${element.id}"> "${(element.textContent ?? "").trim().slice(0, 30)}"`,
    id: element.id,
    visible: box.width > 0 && box.height > 0 && style.visibility === "visible",
    focusDrawn: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none",
  };
}

async function latestPostOpenToComments(): Promise<{ slug: string }> {
  const { rows } = await client.query<{ slug: string }>(
    `SELECT slug FROM "Post" WHERE status = 'PUBLISHED' AND "commentsOpen" ORDER BY "publishedAt" DESC LIMIT 1`,
  );
  return rows[0];
}

describe("accessibility", () => {
  it("gives every reader page landmarks, one h1, alt text and AA contrast, light and dark", async () => {
    const problems: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      for (const path of await everyKindOfReaderPage(client)) {
        await page.goto(`${baseUrl()}${path}`);
        const structure = await page.evaluate(() => ({
          mains: document.querySelectorAll("main").length,
          banner: document.querySelector("body > header") !== null,
          footer: document.querySelector("body > footer") !== null,
          nav: document.querySelector("nav[aria-label]") !== null,
          h1s: document.querySelectorAll("h1").length,
          imagesWithoutAlt: document.querySelectorAll("img:not([alt])").length,
        }));
        expect(structure, path).toEqual({ mains: 1, banner: true, footer: true, nav: true, h1s: 1, imagesWithoutAlt: 0 });
        problems.push(...(await page.evaluate(lowContrastText)).map((problem) => `${colorScheme} ${path} ${problem}`));
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it("shows the comment form's and the subscribe box's errors in AA contrast, light and dark", async () => {
    const post = await latestPostOpenToComments();
    const problems: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/posts/${post.slug}`);
      await page.getByRole("button", { name: "Post Comment" }).click();
      await page.locator("#respond [role=alert], #respond [id$=-error]").first().waitFor();
      await page.getByRole("button", { name: "Subscribe" }).click();
      await page.locator('[aria-labelledby="subscribe-box-heading"] input[aria-invalid="true"]').waitFor();
      problems.push(...(await page.evaluate(lowContrastText)).map((problem) => `${colorScheme} ${problem}`));
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it("can be read and used by keyboard: a skip link first, then every control in turn with its focus drawn", async () => {
    const post = await latestPostOpenToComments();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/posts/${post.slug}`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(focusedElement)).toMatchObject({ label: '<a id=""> "Skip to content"', visible: true, focusDrawn: true });
    await page.evaluate(() => document.activeElement?.removeAttribute("data-test-focused"));
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

    const reached: string[] = [];
    const undrawn: string[] = [];
    for (let press = 0; press < 400; press++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(focusedElement);
      if (!focused || focused.again) break; // past the end of the page
      reached.push(focused.label);
      if (!focused.visible || !focused.focusDrawn) undrawn.push(focused.label);
      if (focused.id) reached.push(`#${focused.id}`);
    }
    expect(undrawn).toEqual([]);
    // Among them, the comment form's fields and the subscribe button.
    expect(reached).toEqual(expect.arrayContaining(["#comment-body", "#comment-authorName", "#comment-authorEmail"]));
    expect(reached.some((label) => label.includes('"Subscribe"'))).toBe(true);
    await context.close();
  });
});

async function everyAdminPage(): Promise<string[]> {
  const {
    rows: [post],
  } = await client.query<{ id: string }>(`SELECT id FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`);
  // A finished import with a report, for its page.
  const report = { dryRun: true, counts: { posts: { imported: 3, updated: 0, unchanged: 1, skipped: 1 } }, choices: ["Post 1 “A” was sticky."], problems: ["Post 2 “B”: Unknown shortcode [x] is kept as text."], moreChoices: 0, moreProblems: 0, seconds: 2 };
  await client.query(
    `INSERT INTO "ImportRun" (id, kind, source, "dryRun", status, done, total, report, "finishedAt") VALUES ('accessibility-run', 'wordpress', 'export.xml', true, 'COMPLETED', 5, 5, $1, now()) ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(report)],
  );
  const {
    rows: [taxonomy],
  } = await client.query<{ series: string; category: string; tag: string }>(
    `SELECT (SELECT id FROM "Series" ORDER BY title LIMIT 1) AS series,
            (SELECT id FROM "Category" WHERE "sponsorName" IS NOT NULL ORDER BY name LIMIT 1) AS category,
            (SELECT id FROM "Tag" ORDER BY name LIMIT 1) AS tag`,
  );
  const {
    rows: [staticPage],
  } = await client.query<{ id: string }>(`SELECT id FROM "Page" ORDER BY slug LIMIT 1`);
  const {
    rows: [submitted],
  } = await client.query<{ id: string }>(`SELECT id FROM "Post" WHERE status = 'SUBMITTED' ORDER BY id LIMIT 1`);
  const {
    rows: [person],
  } = await client.query<{ userId: string; profileId: string }>(
    `SELECT u.id AS "userId", a.id AS "profileId" FROM "User" u JOIN "AuthorProfile" a ON a."userId" = u.id WHERE u.role = 'GUEST' ORDER BY u.id LIMIT 1`,
  );
  return [
    "/admin",
    "/admin/posts",
    `/admin/posts/${post.id}`,
    `/admin/posts/${post.id}/history`,
    "/admin/review",
    "/admin/comments",
    "/admin/comments/settings",
    "/admin/complaints",
    "/admin/people",
    `/admin/people/logins/${person.userId}`,
    `/admin/people/bylines/${person.profileId}`,
    `/admin/posts/${submitted.id}`,
    "/admin/series",
    "/admin/series/new",
    `/admin/series/${taxonomy.series}`,
    "/admin/categories",
    "/admin/categories/new",
    `/admin/categories/${taxonomy.category}`,
    "/admin/tags",
    `/admin/tags/${taxonomy.tag}`,
    "/admin/subscribers",
    "/admin/digest",
    "/admin/outbox",
    "/admin/audit",
    "/admin/profile",
    "/admin/pages",
    `/admin/pages/${staticPage.id}`,
    `/admin/pages/${staticPage.id}/history`,
    "/admin/menus",
    "/admin/settings",
    "/admin/import",
    "/admin/import/accessibility-run",
    "/admin/backup",
  ];
}

describe("admin accessibility", () => {
  // One test per colour scheme: the admin has some forty pages, each measured for contrast.
  it.each(["light", "dark"] as const)("gives every admin page, and the sign-in page, one main, one h1, alt text and AA contrast (%s)", async (colorScheme) => {
    const cookie = await sessionCookieFor(client, "ADMIN");
    const problems: string[] = [];
    const signedOut = await browser.newContext({ colorScheme });
    const signInPage = await signedOut.newPage();
    await signInPage.goto(`${baseUrl()}/admin/sign-in`);
    problems.push(...(await pageProblems(signInPage, "/admin/sign-in", colorScheme)));
    await signedOut.close();

    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
    await context.addCookies([cookie]);
    const page = await context.newPage();
    for (const path of await everyAdminPage()) {
      const response = await page.goto(`${baseUrl()}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(new URL(page.url()).pathname, path).toBe(path);
      problems.push(...(await pageProblems(page, path, colorScheme)));
    }
    await context.close();
    expect(problems).toEqual([]);
  }, 240_000);
});

/** What an admin page lacks (one main, one h1, alt on every image) and its low-contrast text. */
async function pageProblems(page: Page, path: string, colorScheme: string): Promise<string[]> {
  await page.waitForLoadState("networkidle");
  const structure = await page.evaluate(() => ({
    mains: document.querySelectorAll("main").length,
    h1s: document.querySelectorAll("h1").length,
    imagesWithoutAlt: document.querySelectorAll("img:not([alt])").length,
  }));
  const missing = JSON.stringify(structure) === JSON.stringify({ mains: 1, h1s: 1, imagesWithoutAlt: 0 }) ? [] : [`structure ${JSON.stringify(structure)}`];
  return [...missing, ...(await page.evaluate(lowContrastText))].map((problem) => `${colorScheme} ${path} ${problem}`);
}

describe("reflow", () => {
  it("fits every reader page and every admin page into a 320 px wide screen without sideways scrolling", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    await context.addCookies([await sessionCookieFor(client, "ADMIN")]);
    const page = await context.newPage();
    const tooWide: string[] = [];
    for (const path of [...(await everyKindOfReaderPage(client)), ...(await everyAdminPage())]) {
      await page.goto(`${baseUrl()}${path}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) tooWide.push(`${path}: ${width} px`);
    }
    await context.close();
    expect(tooWide).toEqual([]);
  });
});

