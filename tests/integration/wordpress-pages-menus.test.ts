// The WordPress import's pages and menu against a hand-written fixture, on a real database: pages with their
// statuses, text (through the converter and the pages' own save path) and addresses; re-runs; old addresses
// (/?page_id= and permalinks) in the redirect table; and the header menu, made only when asked.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMenuLinks, readMenu } from "@/features/menus/data";
import { DEFAULT_MENUS } from "@/features/menus/schema";
import { findRedirect } from "@/features/redirects/data";
import { DEFAULT_IMPORT_OPTIONS, importWordPressFile, type WordPressImportOptions } from "@/features/wordpress/import/import";
import { db } from "@/lib/db";
import { switchToNewDatabase } from "../helpers/database";
import { useTestSettings } from "./editorial-fixtures";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/wordpress/self-hosted-pages-menus.xml");
const SITE = "https://benchnotes.example";

// The admin ticked Maria (whose WordPress address is her Docket login's) in the author step.
const run = (options: Partial<WordPressImportOptions> = {}, file = FIXTURE) => importWordPressFile(file, { ...DEFAULT_IMPORT_OPTIONS, linkLogins: ["editor-maria"], ...options });

async function pageByWpId(wpId: number) {
  const link = await db().wordPressLink.findUniqueOrThrow({ where: { siteUrl_kind_wpKey: { siteUrl: SITE, kind: "page", wpKey: String(wpId) } } });
  return db().page.findUniqueOrThrow({ where: { id: link.docketId }, include: { revisions: { orderBy: { createdAt: "asc" } } } });
}

async function counts() {
  const [pages, revisions, redirects, links, settings] = await Promise.all([db().page.count(), db().pageRevision.count(), db().redirect.count(), db().wordPressLink.count(), db().setting.findMany({ orderBy: { key: "asc" } })]);
  return { pages, revisions, redirects, links, settings };
}

let maria: string;
let first: Awaited<ReturnType<typeof run>>;

beforeAll(async () => {
  await useTestSettings();
  await switchToNewDatabase("wppages");
  maria = (await db().user.create({ data: { email: "maria.okafor@benchnotes.example", role: "EDITOR" }, select: { id: true } })).id;
  first = await run();
});

afterAll(async () => {
  await db().$disconnect();
});

describe("pages", () => {
  it("counts them: trash left out, everything else a Docket page", () => {
    expect(first.counts.pages).toEqual({ imported: 5, updated: 0, unchanged: 0, skipped: 1 });
    expect(first.choices).toContain("Page 915 “Old events page” was in the trash and was left out.");
    expect(first.problems.filter((line) => line.startsWith("Page"))).toEqual([]);
  });

  it("keeps publish as published (with its date) and makes draft and private pages drafts", async () => {
    const statuses = await Promise.all([910, 911, 912, 913, 914].map(async (id) => {
      const page = await pageByWpId(id);
      return [id, page.status, page.publishedAt?.toISOString() ?? null];
    }));
    expect(statuses).toEqual([
      [910, "PUBLISHED", "2019-01-05T10:00:00.000Z"],
      [911, "PUBLISHED", "2019-01-05T10:30:00.000Z"],
      [912, "DRAFT", null],
      [913, "PUBLISHED", "2020-03-01T08:00:00.000Z"],
      [914, "DRAFT", null],
    ]);
    expect(first.choices).toContain("Page 914 “Staff handbook” was private: Docket has no private pages, so it is a draft.");
  });

  it("saves the text as every page is saved: markdown from the converter, sanitized HTML, one revision by the author's login", async () => {
    const about = await pageByWpId(910);
    expect(about.title).toBe("About Bench Notes");
    expect(about.bodyMarkdown).toContain("## Who edits it");
    expect(about.bodyMarkdown).not.toContain("wp:paragraph");
    expect(about.bodyHtml).toContain("<h2");
    expect(about.bodyHtml).toContain("<strong>before</strong>");
    expect(about.bodyHtml).not.toContain("<script");
    expect(about.excerpt).toMatch(/^Bench Notes is written by people/);
    expect(about.revisions).toHaveLength(1);
    expect(about.revisions[0]).toMatchObject({ title: "About Bench Notes", bodyMarkdown: about.bodyMarkdown, authorId: maria });
    expect(about.createdById).toBe(maria);
  });

  it("gives a nested page the last part of its address, and a page at one of Docket's own addresses another", async () => {
    expect((await pageByWpId(910)).slug).toBe("about");
    expect((await pageByWpId(911)).slug).toBe("write-for-us");
    expect(first.choices).toContain("Page 911 “Write for us” was inside “About Bench Notes” in WordPress; Docket's pages are not nested, so it lives at “/write-for-us”.");
    expect((await pageByWpId(912)).slug).toBe("corrections-policy");
    expect((await pageByWpId(913)).slug).toBe("search-2");
    expect(first.choices).toContain("Page 913 “Searching the archive”: “/search” is one of Docket's own addresses, so the page lives at “/search-2”.");
  });

  it("keeps old addresses: the permalink and /?page_id=ID lead to the page once it is published", async () => {
    const found: Record<string, string | null> = {};
    for (const from of ["/about/write-for-us/", "/wordpress-address/page_id/911", "/wordpress-address/page_id/910", "/search/", "/wordpress-address/page_id/912", "/staff-handbook/", "/about/"]) found[from] = await findRedirect(from);
    expect(found).toEqual({
      "/about/write-for-us/": "/write-for-us",
      "/wordpress-address/page_id/911": "/write-for-us",
      "/wordpress-address/page_id/910": "/about",
      "/search/": "/search-2",
      // A draft's: kept, leading nowhere until an editor publishes it.
      "/wordpress-address/page_id/912": null,
      // The pages' own addresses, not redirects.
      "/staff-handbook/": null,
      "/about/": null,
    });
    const corrections = await pageByWpId(912);
    await db().page.update({ where: { id: corrections.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    expect(await findRedirect("/wordpress-address/page_id/912")).toBe("/corrections-policy");
  });

  it("is re-runnable: the same export again changes nothing and makes no copies", async () => {
    const before = await counts();
    const again = await run();
    expect(again.counts.pages).toEqual({ imported: 0, updated: 0, unchanged: 5, skipped: 1 });
    expect(await counts()).toEqual(before);
  });

  it("updates a page that changed in a newer export, keeping a revision of each version", async () => {
    const text = (await readFile(FIXTURE, "utf8")).replace("Pen names are welcome.", "Pen names are welcome, and we pay for every piece.");
    const newer = path.join(await mkdtemp(path.join(os.tmpdir(), "docket-wxr-")), "newer.xml");
    await writeFile(newer, text);
    const before = await counts();
    const report = await run({}, newer);
    expect(report.counts.pages).toEqual({ imported: 0, updated: 1, unchanged: 4, skipped: 1 });
    const page = await pageByWpId(911);
    expect(page.bodyMarkdown).toContain("we pay for every piece");
    expect(page.bodyHtml).toContain("we pay for every piece");
    expect(page.revisions).toHaveLength(2);
    expect(page.status).toBe("PUBLISHED");
    const after = await counts();
    expect(after.pages).toBe(before.pages);
    expect(after.revisions).toBe(before.revisions + 1);
  });

  it("writes nothing in a dry run", async () => {
    await switchToNewDatabase("wppages");
    const dry = await run({ dryRun: true, headerMenu: true });
    expect(dry.counts.pages).toEqual({ imported: 5, updated: 0, unchanged: 0, skipped: 1 });
    expect(await db().page.count()).toBe(0);
    expect(await db().setting.count()).toBe(0);
  });
});

describe("the header menu", () => {
  beforeAll(async () => {
    await switchToNewDatabase("wppages");
  });

  it("is left as it was without the option, and the report says so", async () => {
    const report = await run();
    expect(await readMenu("header")).toEqual(DEFAULT_MENUS.header);
    expect(report.counts["menu items"]).toEqual({ imported: 0, updated: 0, unchanged: 0, skipped: 9 });
    expect(report.choices).toContain("9 menu items were left out (the import can make the menu Docket's header menu).");
  });

  it("becomes the export's menu when asked: pages, a category, a post's new address, addresses; nested items flattened", async () => {
    const report = await run({ headerMenu: true });
    const about = await pageByWpId(910);
    const write = await pageByWpId(911);
    const courts = await db().category.findUniqueOrThrow({ where: { slug: "courts" } });
    expect((await readMenu("header")).map(({ label, link }) => [label, link])).toEqual([
      ["About Bench Notes", { kind: "page", pageId: about.id }],
      ["Write for us", { kind: "page", pageId: write.id }],
      ["Courts", { kind: "category", categoryId: courts.id }],
      ["Monday list", { kind: "url", url: "/posts/inside-a-monday-list" }],
      ["Subscribe", { kind: "url", url: "/subscribe" }],
      ["Donate", { kind: "url", url: "https://donate.example.org/bench-notes" }],
      // An old category archive, now a tag (the post's second category): where its old address leads.
      ["Sentencing", { kind: "url", url: "/tags/sentencing" }],
    ]);
    expect((await getMenuLinks("header")).map((link) => link.href)).toEqual(["/about", "/write-for-us", "/categories/courts", "/posts/inside-a-monday-list", "/subscribe", "https://donate.example.org/bench-notes", "/tags/sentencing"]);
    expect(report.counts["menu items"]).toEqual({ imported: 7, updated: 0, unchanged: 0, skipped: 2 });
    expect(report.choices).toContain("Menu item 921 “Write for us” was under “About Bench Notes”; Docket's menus are not nested, so it follows it in the header menu.");
    expect(report.choices).toContain("The menu “Footer links” (1 items) was left out: one menu becomes the header menu.");
    expect(report.choices).toContain("The menu “Main navigation” is now the header menu (7 links), in place of its earlier links.");
    expect(report.problems).toContain("Menu item 927 “Bail notes” was left out: the post it leads to, “Notes towards a piece on bail”, is not published.");
  });

  it("is made again, not added to, on the next run", async () => {
    const before = await readMenu("header");
    await run({ headerMenu: true });
    expect(await readMenu("header")).toEqual(before);
  });
});
