// Real-world exports that lost things silently (issue #24), each with a small export file written for it:
// media on hosts other than the site's uploads folder (a WordPress.com export with its media folder),
// files that are not WordPress exports, comments on pages, terms named on the item, unused terms, custom
// taxonomies and post formats, and authors as old exports write them.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IMPORT_OPTIONS, importWordPressFile, type WordPressImportOptions } from "@/features/wordpress/import/import";
import { formatImportReport } from "@/features/wordpress/import/report";
import { runWordPressImport } from "@/features/wordpress/import/run";
import { db } from "@/lib/db";
import { switchToNewDatabase } from "../helpers/database";
import { useTestSettings } from "./editorial-fixtures";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/wordpress");
const fixture = (name: string) => path.join(FIXTURES, name);
const run = (file: string, options: Partial<WordPressImportOptions> = {}) => importWordPressFile(fixture(file), { ...DEFAULT_IMPORT_OPTIONS, ...options });

async function postByWpId(siteUrl: string, wpId: number) {
  const link = await db().wordPressLink.findUniqueOrThrow({ where: { siteUrl_kind_wpKey: { siteUrl, kind: "post", wpKey: String(wpId) } } });
  return db().post.findUniqueOrThrow({
    where: { id: link.docketId },
    include: { category: true, tags: { include: { tag: true } }, authors: { orderBy: { position: "asc" }, include: { profile: true } }, comments: true },
  });
}

beforeAll(async () => {
  await useTestSettings();
});

afterAll(async () => {
  await db().$disconnect();
});

describe("media on any host (wordpress-com-media.xml and its media folder)", () => {
  const SITE = "https://gallerysketches.wordpress.com";
  const mediaFolder = fixture("wordpress-com-media");
  const CDN = "https://cdn.sketch-cdn.example/gallerysketches/2009/01/courtroom-sketch.png";
  const OLD_DOMAIN = "http://old-gallerysketches.example/wp-content/uploads/2007/11/old-steps.jpg";
  const ELSEWHERE = "https://images.someone-else.example/photos/usher.jpg";
  const MISSING = "https://gallerysketches.files.wordpress.com/2008/06/missing.jpg";

  it("imports files from the blog's files host, an old domain and a named CDN, matched by path or YYYY/MM/name, and reports each one left remote", async () => {
    await switchToNewDatabase("wpmovein");
    const report = await run("wordpress-com-media.xml", { mediaFolder, mediaHosts: ["cdn.sketch-cdn.example"] });
    const post = await postByWpId(SITE, 12);
    expect(post.coverImageUrl).toMatch(/^\/uploads\/\d{4}\/\d{2}\/[a-f0-9]{24}\.webp$/);
    // The resized copy (?w=300) is the attachment's file.
    expect(post.bodyMarkdown).toContain(`![Flowers](${post.coverImageUrl})`);
    expect(post.bodyMarkdown).toMatch(/!\[The dock, in pencil\]\(\/uploads\/\d{4}\/\d{2}\/[a-f0-9]{24}\.webp\)/);
    expect(post.bodyMarkdown).toMatch(/!\[The steps\]\(\/uploads\/\d{4}\/\d{2}\/[a-f0-9]{24}\.webp\)/);
    expect(post.bodyMarkdown).not.toContain("files.wordpress.com/2008/06/canola2");
    expect(post.bodyMarkdown).not.toContain(CDN);
    expect(post.bodyMarkdown).not.toContain(OLD_DOMAIN);
    expect(post.bodyMarkdown).toContain(ELSEWHERE);
    expect(post.bodyMarkdown).toContain(MISSING);
    expect(await db().mediaAsset.count()).toBe(3);
    expect(report.problems).toEqual([
      `Post 12 “First sketch from the public gallery”: ${ELSEWHERE} is on another site (images.someone-else.example), not one of the old site's media hosts (--media-host images.someone-else.example would import it), so it was left there.`,
      "Post 12 “First sketch from the public gallery”: the file 2008/06/missing.jpg is not in the media folder.",
    ]);
    expect(report.counts.media).toEqual({ imported: 3, updated: 0, unchanged: 0, skipped: 2 });
    expect(formatImportReport(report).split("\n")[0]).toBe("Media: 3 were imported, 2 are left remote (each listed under Problems).");
  });

  it("says how to bring in a CDN's files when its host was not named", async () => {
    await switchToNewDatabase("wpmovein");
    const report = await run("wordpress-com-media.xml", { mediaFolder });
    expect(report.problems).toContain(
      `Post 12 “First sketch from the public gallery”: ${CDN} is on another site (cdn.sketch-cdn.example), not one of the old site's media hosts (--media-host cdn.sketch-cdn.example would import it), so it was left there.`,
    );
    expect(report.counts.media).toMatchObject({ imported: 2, skipped: 3 });
  });

  it("without a media folder or download, lists every file left on the old site, one line each", async () => {
    await switchToNewDatabase("wpmovein");
    const report = await run("wordpress-com-media.xml");
    const leftOnOldSite = (url: string, label = "Post 12 “First sketch from the public gallery”") =>
      `${label}: ${url} was left on the old site: no media folder (--media) or download (--download-media) was given.`;
    expect(report.problems).toEqual(
      expect.arrayContaining([
        leftOnOldSite("https://gallerysketches.files.wordpress.com/2008/06/canola2.jpg", "Attachment 11 “canola2”"),
        leftOnOldSite(OLD_DOMAIN, "Attachment 10 “old-steps”"),
        leftOnOldSite(MISSING),
      ]),
    );
    expect(report.counts.media).toEqual({ imported: 0, updated: 0, unchanged: 0, skipped: 5 });
    expect(formatImportReport(report)).not.toContain("No problems.");
  });

  it("a re-run brings in nothing twice and says the files are in Docket already", async () => {
    await switchToNewDatabase("wpmovein");
    await run("wordpress-com-media.xml", { mediaFolder });
    const again = await run("wordpress-com-media.xml", { mediaFolder });
    expect(again.counts.media).toMatchObject({ imported: 0, unchanged: 2 });
    expect(await db().mediaAsset.count()).toBe(2);
  });
});

describe("files that are not WordPress exports are refused before anything is written", () => {
  beforeAll(async () => {
    await switchToNewDatabase("wpmovein");
  });

  it.each([
    ["wxr-version-abc.xml", "The file is not a WordPress export (WXR 1.0 to 1.2): its WXR version is “abc”, and Docket reads 1.0 to 1.2. Nothing was imported."],
    ["plain-rss.xml", "The file is not a WordPress export (WXR 1.0 to 1.2): it names no WXR version (<wp:wxr_version>): a feed, or another program's file. Nothing was imported."],
  ])("%s", async (file, message) => {
    const before = await Promise.all([db().authorProfile.count(), db().post.count(), db().redirect.count(), db().wordPressLink.count()]);
    const outcome = await runWordPressImport(fixture(file), file, DEFAULT_IMPORT_OPTIONS, null);
    expect(outcome.error).toBe(message);
    expect(await Promise.all([db().authorProfile.count(), db().post.count(), db().redirect.count(), db().wordPressLink.count()])).toEqual(before);
  });
});

describe("comments on pages (page-comments.xml)", () => {
  it("imports the page and says, for the page, that its comments were left out and how many", async () => {
    await switchToNewDatabase("wpmovein");
    const report = await run("page-comments.xml");
    expect(report.counts.pages.imported).toBe(1);
    expect(report.counts.comments).toMatchObject({ imported: 1, skipped: 3 });
    expect(report.problems).toContain("Page 20 “About this site”: its 3 comments (2 approved) were not imported: Docket's pages have no comments.");
    expect((await postByWpId("https://pagecomments.example", 21)).comments.map((comment) => comment.body)).toEqual(["On the post."]);
  });
});

describe("terms (terms-and-taxonomies.xml)", () => {
  const SITE = "https://terms.example";

  it("names a category the channel does not declare from the item's own element, and imports unused categories and tags", async () => {
    await switchToNewDatabase("wpmovein");
    const report = await run("terms-and-taxonomies.xml");
    expect((await postByWpId(SITE, 30)).category).toMatchObject({ slug: "sheriff-courts", name: "Sheriff Courts & Tribunals" });
    expect(await db().category.findUnique({ where: { slug: "appeals" }, select: { name: true } })).toEqual({ name: "Appeals & Reviews" });
    expect(await db().tag.findUnique({ where: { slug: "legal-aid" }, select: { name: true } })).toEqual({ name: "Legal aid" });
    expect(report.counts.categories.imported).toBe(2);
    expect(report.counts.tags.imported).toBe(2);
    expect(report.choices).toContain("1 category and 1 tag that no post uses were imported too.");
  });

  it("lists custom taxonomies and post formats with their terms and counts", async () => {
    await switchToNewDatabase("wpmovein");
    const report = await run("terms-and-taxonomies.xml");
    expect(report.choices).toContain("The taxonomy “jurisdiction” (“Scotland” on 2 posts, “England & Wales” on 1 post) was left out: Docket has nothing like it (--taxonomy-as-tags jurisdiction makes its terms tags).");
    expect(report.choices).toContain("Post formats (“Aside” on 1 post, “Quote” on 1 post) were left out: Docket has no post formats, so these are ordinary posts.");
  });

  it("makes a custom taxonomy's terms tags when asked", async () => {
    await switchToNewDatabase("wpmovein");
    const report = await run("terms-and-taxonomies.xml", { taxonomiesAsTags: ["jurisdiction"] });
    const post = await postByWpId(SITE, 31);
    expect(post.tags.map(({ tag }) => [tag.slug, tag.name]).sort()).toEqual([
      ["england-wales", "England & Wales"],
      ["scotland", "Scotland"],
    ]);
    expect(report.choices.some((line) => line.includes("“jurisdiction”"))).toBe(false);
  });
});

describe("authors as old exports write them (old-authors.xml)", () => {
  it("reads <wp:wp_author>, and names a byline without a display name by its login", async () => {
    await switchToNewDatabase("wpmovein");
    const report = await run("old-authors.xml");
    const SITE = "https://oldauthors.example";
    expect((await postByWpId(SITE, 40)).authors.map(({ profile }) => profile.displayName)).toEqual(["Jo Reporter"]);
    expect((await postByWpId(SITE, 41)).authors.map(({ profile }) => [profile.displayName, profile.slug])).toEqual([["nightdesk", "nightdesk"]]);
    expect(report.counts.authors.imported).toBe(2);
    expect(report.choices).toContain("Author “nightdesk” has no display name or full name: the byline is called by the login, as WordPress shows it.");
    expect(report.choices.some((line) => line.includes("lists no authors"))).toBe(false);
  });
});

describe("authors of one name (same-name-authors.xml)", () => {
  it("gives each the first free byline address, skipping one already taken", async () => {
    await switchToNewDatabase("wpmovein");
    await db().authorProfile.create({ data: { slug: "court-reporter-2", displayName: "Another Court Reporter" } });
    await run("same-name-authors.xml");
    const slugs = await db().wordPressLink.findMany({ where: { kind: "author", siteUrl: "https://samenames.example" }, orderBy: { wpKey: "asc" }, select: { docketId: true } });
    const profiles = await db().authorProfile.findMany({ where: { id: { in: slugs.map((link) => link.docketId) } }, select: { slug: true } });
    expect(profiles.map((profile) => profile.slug).sort()).toEqual(["court-reporter", "court-reporter-3", "court-reporter-4"]);
  });
});

describe("the dry run counts what the real run does, and a re-run counts what changed (every fixture)", () => {
  const files = readdirSync(FIXTURES).filter((name) => name.endsWith(".xml"));

  it.each(files)("%s", async (file) => {
    await switchToNewDatabase("wpmovein");
    const folder = fixture(file.replace(/\.xml$/, ""));
    const options: Partial<WordPressImportOptions> = existsSync(folder) ? { mediaFolder: folder } : {};
    const dry = await runWordPressImport(fixture(file), file, { ...DEFAULT_IMPORT_OPTIONS, ...options, dryRun: true }, null);
    const real = await runWordPressImport(fixture(file), file, { ...DEFAULT_IMPORT_OPTIONS, ...options }, null);
    expect(dry.error).toBe(real.error);
    expect(dry.report?.counts).toEqual(real.report?.counts);
    expect(dry.report?.problems).toEqual(real.report?.problems);
    if (!real.report) return;
    const again = await runWordPressImport(fixture(file), file, { ...DEFAULT_IMPORT_OPTIONS, ...options }, null);
    const changed = Object.entries(again.report!.counts).filter(([, counts]) => counts.imported + counts.updated > 0);
    expect(changed).toEqual([]);
    for (const line of [...real.report.choices, ...real.report.problems, ...again.report!.choices, ...again.report!.problems]) expect(line).not.toMatch(/\.\.$/);
  });
});
