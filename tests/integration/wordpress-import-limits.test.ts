// Hostile WordPress exports (issue #26), each imported for real, on a real database: a post too large to
// read, one too long to keep once converted, elements nested hundreds of thousands deep, a menu with no
// link Docket can show, and XML 1.1 character references to control characters. Each is refused or
// reported with its reason, and what was refused leaves nothing behind.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readMenu } from "@/features/menus/data";
import { DEFAULT_IMPORT_OPTIONS, importWordPressFile } from "@/features/wordpress/import/import";
import { runWordPressImport } from "@/features/wordpress/import/run";
import { WXR_LIMITS } from "@/features/wordpress/limits";
import { db } from "@/lib/db";
import { switchToNewDatabase } from "../helpers/database";
import { useTestSettings } from "./editorial-fixtures";

const SITE = "https://limits.example";
let folder: string;

beforeAll(async () => {
  await useTestSettings();
  await switchToNewDatabase("wplimits");
  folder = await mkdtemp(path.join(os.tmpdir(), "docket-wxr-limits-"));
});

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>Limits</title><link>${SITE}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${SITE}</wp:base_site_url><wp:base_blog_url>${SITE}</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>editor</wp:author_login><wp:author_display_name>The Editor</wp:author_display_name></wp:author>`;
const TAIL = "</channel></rss>";

function post(id: number, title: string, content: string, extra = ""): string {
  return `<item><title>${title}</title><link>${SITE}/?p=${id}</link><dc:creator>editor</dc:creator><content:encoded><![CDATA[${content}]]></content:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2024-05-01 09:00:00</wp:post_date_gmt><wp:post_name>post-${id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>${extra}</item>`;
}

async function exportFile(name: string, body: string): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, `${HEAD}${body}${TAIL}`);
  return file;
}

async function postTitles(): Promise<string[]> {
  return (await db().post.findMany({ select: { title: true }, orderBy: { title: "asc" } })).map((row) => row.title);
}

describe("a WordPress export too large or too deep to read", () => {
  it("reports a 50 MB post as too large to read, holding no more than a value's limit of it, and imports the rest", async () => {
    const file = path.join(folder, "huge-post.xml");
    const out = createWriteStream(file);
    out.write(`${HEAD}${post(1, "Small", "<p>A small post.</p>")}<item><title>Huge</title><content:encoded><![CDATA[`);
    const paragraph = `<p>${"word ".repeat(200_000)}</p>`;
    for (let written = 0; written < 50_000_000; written += paragraph.length) if (!out.write(paragraph)) await once(out, "drain");
    out.end(`]]></content:encoded><wp:post_id>2</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>${TAIL}`);
    await once(out, "finish");

    const dry = await importWordPressFile(file, { ...DEFAULT_IMPORT_OPTIONS, dryRun: true });
    expect(dry.problems).toContain(
      `Item 2 “Huge” (line 5) could not be read and was skipped: its content is 50.0 MB, more than the ${WXR_LIMITS.valueCharacters / 1_000_000}.0 MB Docket reads of one value; nothing of it was imported`,
    );
    const report = await importWordPressFile(file, DEFAULT_IMPORT_OPTIONS);
    expect(report.counts.posts.imported).toBe(1);
    expect(await postTitles()).toEqual(["Small"]);
  });

  it("reports a post too long for Docket once converted, with its size and the limit", async () => {
    const long = `<p>${"A sentence of some length. ".repeat(8000)}</p>`;
    const file = await exportFile("long-post.xml", post(3, "Long", long) + post(4, "Short", "<p>Fine.</p>"));
    const report = await importWordPressFile(file, DEFAULT_IMPORT_OPTIONS);
    expect(report.problems).toContainEqual(expect.stringMatching(/^Post 3 “Long” was not imported: its text is 216,000 characters in 2 lines once converted: a post is too long \(at most 150,000 characters\)\.$/));
    expect(await db().post.count({ where: { title: "Long" } })).toBe(0);
    expect(await db().post.count({ where: { title: "Short" } })).toBe(1);
  });

  it("refuses elements nested hundreds of thousands deep at once, writing nothing", async () => {
    const before = await postTitles();
    const depth = 200_000;
    const file = await exportFile("deep.xml", `<item><title>Deep</title>${"<div>".repeat(depth)}x${"</div>".repeat(depth)}<wp:post_id>5</wp:post_id><wp:post_type>post</wp:post_type></item>`);
    const outcome = await runWordPressImport(file, "deep.xml", DEFAULT_IMPORT_OPTIONS, null);
    expect(outcome.error).toMatch(/^The file is not a complete, well-formed WordPress export: at line 4, column \d+: elements are nested more than 256 deep/);
    expect(await postTitles()).toEqual(before);
  });
});

describe("a WordPress export's menu and text", () => {
  it("leaves the header menu alone when the export's menu has no link Docket can show, and says so", async () => {
    const before = await readMenu("header");
    const item = (id: number) =>
      `<item><title>Broken ${id}</title><wp:post_id>${id}</wp:post_id><wp:status>publish</wp:status><wp:post_type>nav_menu_item</wp:post_type>
<category domain="nav_menu" nicename="main"><![CDATA[Main]]></category>
<wp:postmeta><wp:meta_key>_menu_item_type</wp:meta_key><wp:meta_value>post_type</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_menu_item_object</wp:meta_key><wp:meta_value>page</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_menu_item_object_id</wp:meta_key><wp:meta_value>999${id}</wp:meta_value></wp:postmeta></item>`;
    const file = await exportFile("broken-menu.xml", item(61) + item(62));
    const report = await importWordPressFile(file, { ...DEFAULT_IMPORT_OPTIONS, headerMenu: true });
    expect(report.problems).toContain("The menu “main” has no link Docket can show, so the header menu was left as it was.");
    expect(await readMenu("header")).toEqual(before);
  });

  it("drops the control characters an XML 1.1 export writes as character references, from every text", async () => {
    const file = path.join(folder, "xml11.xml");
    const control = "&#1;&#x1B;&#x7F;&#x85;";
    await writeFile(
      file,
      `<?xml version="1.1" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Eleven</title><link>https://eleven.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://eleven.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>writer</wp:author_login><wp:author_display_name>Wri${control}ter</wp:author_display_name></wp:author>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>courts</wp:category_nicename><wp:cat_name>Cou${control}rts</wp:cat_name></wp:category>
<item><title>Ti${control}tle</title><dc:creator>writer</dc:creator><content:encoded>&lt;p&gt;Bo${control}dy&lt;/p&gt;</content:encoded><excerpt:encoded xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">Ex${control}cerpt</excerpt:encoded>
<category domain="category" nicename="courts">Cou${control}rts</category>
<wp:post_id>71</wp:post_id><wp:post_date_gmt>2024-05-01 09:00:00</wp:post_date_gmt><wp:post_name>eleven</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Rea${control}der</wp:comment_author><wp:comment_content>Com${control}ment</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_date_gmt>2024-05-02 09:00:00</wp:comment_date_gmt></wp:comment>
</item></channel></rss>`,
    );
    await importWordPressFile(file, DEFAULT_IMPORT_OPTIONS);
    const link = await db().wordPressLink.findFirstOrThrow({ where: { kind: "post", wpKey: "71", siteUrl: "https://eleven.example" } });
    const stored = await db().post.findUniqueOrThrow({
      where: { id: link.docketId },
      include: { comments: true, category: true, authors: { include: { profile: true } }, revisions: true },
    });
    // Read back with plain SQL too: the database itself holds none of them, not only what Docket reads.
    const [raw] = await db().$queryRawUnsafe<{ text: string }[]>(
      `SELECT p.title || p."bodyMarkdown" || coalesce(p.standfirst, '') || c.body || c."authorName" || a."displayName" || cat.name AS text
         FROM "Post" p JOIN "Comment" c ON c."postId" = p.id JOIN "PostAuthor" pa ON pa."postId" = p.id JOIN "AuthorProfile" a ON a.id = pa."profileId" JOIN "Category" cat ON cat.id = p."categoryId"
        WHERE p.id = $1`,
      stored.id,
    );
    expect(raw.text).toBe("TitleBody\nExcerptCommentReaderWriterCourts");
    expect(stored.title).toBe("Title");
  });
});
