import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { SaxesParser } from "saxes";
import { afterAll, describe, expect, it } from "vitest";
import { readWxr, readWxrFile } from "@/features/wordpress/wxr/reader";
import type { WxrAuthor, WxrCategory, WxrComment, WxrItem, WxrRecord, WxrTag, WxrTerm } from "@/features/wordpress/wxr/types";
import { writeWxr, writeWxrFile, type WxrExport } from "@/features/wordpress/wxr/writer";
import { writeSyntheticWxr } from "../bench/wxr-generator";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/wordpress");
const scratch = mkdtempSync(path.join(tmpdir(), "docket-wxr-writer-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function collect<T>(records: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const record of records) all.push(record);
  return all;
}

async function written(wxr: WxrExport): Promise<string> {
  return (await collect(writeWxr(wxr))).join("");
}

async function readBack(xml: string): Promise<WxrRecord[]> {
  return collect(readWxr(Readable.from([Buffer.from(xml, "utf8")])));
}

/** The records of a file as the writer takes them. */
function exportOf(records: WxrRecord[], exportedAt = new Date("2024-06-21T10:00:00Z")): WxrExport {
  const site = records.find((record) => record.kind === "site")!;
  const of = <K extends WxrRecord["kind"]>(kind: K) => records.filter((record): record is Extract<WxrRecord, { kind: K }> => record.kind === kind);
  return { site, authors: of("author"), categories: of("category"), tags: of("tag"), terms: of("term"), items: of("item"), exportedAt };
}

/** Parses strictly (no tolerance for undeclared prefixes) and lists each element's namespace URI and local name. */
function wellFormedElements(xml: string): { path: string[]; uri: string; local: string; attributes: Record<string, string> }[] {
  const parser = new SaxesParser({ xmlns: true });
  const elements: { path: string[]; uri: string; local: string; attributes: Record<string, string> }[] = [];
  const stack: string[] = [];
  parser.on("opentag", (tag) => {
    elements.push({ path: [...stack], uri: tag.uri, local: tag.local, attributes: Object.fromEntries(Object.values(tag.attributes).map((attribute) => [attribute.name, attribute.value])) });
    stack.push(tag.name);
  });
  parser.on("closetag", () => stack.pop());
  parser.write(xml).close();
  return elements;
}

const site: WxrExport["site"] = {
  title: "Bench Notes & Friends",
  link: "https://benchnotes.example",
  description: "Courts <and> prisons",
  language: "en-GB",
  baseSiteUrl: "https://benchnotes.example",
  baseBlogUrl: "https://benchnotes.example",
};

const comment: WxrComment = {
  id: 31,
  author: "Dana Whitfield",
  authorEmail: "dana@example.net",
  authorUrl: "https://dana.example.net/?a=1&b=2",
  authorIp: "203.0.113.7",
  date: "2024-05-02 09:12:44",
  dateGmt: new Date("2024-05-02T08:12:44Z"),
  content: "Agreed.",
  approved: "1",
  type: "comment",
  parent: 0,
  userId: 0,
  meta: [{ key: "akismet_result", value: "false" }],
};

const item: Omit<WxrItem, "kind"> = {
  postId: 42,
  title: "Remand, explained",
  link: "https://benchnotes.example/2024/05/02/remand-explained/",
  pubDate: new Date("2024-05-02T07:00:00Z"),
  creator: "editor-maria",
  guid: "https://benchnotes.example/?p=42",
  content: "<p>Remand is not a punishment.</p>",
  excerpt: "What remand is for.",
  postDate: "2024-05-02 08:00:00",
  postDateGmt: new Date("2024-05-02T07:00:00Z"),
  postModified: "2024-05-03 10:00:00",
  postModifiedGmt: new Date("2024-05-03T09:00:00Z"),
  commentStatus: "open",
  pingStatus: "closed",
  postName: "remand-explained",
  status: "publish",
  postParent: 0,
  menuOrder: 0,
  postType: "post",
  postPassword: "",
  isSticky: false,
  attachmentUrl: null,
  terms: [
    { domain: "category", nicename: "courts", name: "Courts" },
    { domain: "series", nicename: "on-remand", name: "On Remand" },
  ],
  meta: [{ key: "_series_part", value: "3" }],
  comments: [comment],
};

describe("writer → reader round trip", () => {
  for (const name of ["self-hosted-posts.xml", "self-hosted-series-coauthors.xml", "self-hosted-comments.xml", "self-hosted-media-menus.xml", "wordpress-com-1.1.xml", "wxr-1.0.xml", "windows-1252.xml", "invalid-utf8.xml"]) {
    it(`gives back every record of ${name}`, async () => {
      const original = await collect(readWxrFile(path.join(FIXTURES, name)));
      const again = await readBack(await written(exportOf(original)));
      const records = (all: WxrRecord[]) => all.filter((record) => record.kind !== "site" && record.kind !== "end");
      expect(records(original).filter((record) => record.kind === "item").length).toBeGreaterThan(0);
      expect(records(again)).toEqual(records(original));
      const [siteBefore, siteAfter] = [original[0], again[0]];
      expect(siteAfter).toEqual({ ...siteBefore, wxrVersion: "1.2", pubDate: new Date("2024-06-21T10:00:00Z") });
      expect(again.at(-1)).toMatchObject({ kind: "end", encoding: "utf-8", invalidByteSequences: 0, forbiddenCharactersRemoved: 0 });
    });
  }

  it("writes to a file, streaming", async () => {
    const file = path.join(scratch, "out.xml");
    await writeWxrFile(file, { site, items: [item], exportedAt: new Date("2024-06-21T10:00:00Z") });
    const again = await collect(readWxrFile(file));
    expect(again.find((record) => record.kind === "item")).toEqual({ kind: "item", ...item });
  });
});

describe("the written document", () => {
  it("is well-formed WXR 1.2 in WordPress's namespaces, with the channel header WordPress writes", async () => {
    const xml = await written({ site, authors: [], items: [item], exportedAt: new Date("2024-06-21T10:00:00Z") });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" ?>\n')).toBe(true);
    const elements = wellFormedElements(xml);
    expect(elements[0]).toMatchObject({ local: "rss", uri: "", attributes: { version: "2.0", "xmlns:excerpt": "http://wordpress.org/export/1.2/excerpt/", "xmlns:content": "http://purl.org/rss/1.0/modules/content/", "xmlns:wfw": "http://wellformedweb.org/CommentAPI/", "xmlns:dc": "http://purl.org/dc/elements/1.1/", "xmlns:wp": "http://wordpress.org/export/1.2/" } });
    const channel = elements.filter((element) => element.path.length === 2).map((element) => element.local);
    expect(channel).toEqual(["title", "link", "description", "pubDate", "language", "wxr_version", "base_site_url", "base_blog_url", "item"]);
    expect(xml).toContain("\t<title>Bench Notes &amp; Friends</title>\n");
    expect(xml).toContain("\t<description>Courts &lt;and&gt; prisons</description>\n");
    expect(xml).toContain("\t<pubDate>Fri, 21 Jun 2024 10:00:00 +0000</pubDate>\n");
    expect(xml).toContain("\t<wp:wxr_version>1.2</wp:wxr_version>\n");
    expect(xml.endsWith("</channel>\n</rss>\n")).toBe(true);
  });

  it("writes an item's elements in the order WordPress's export_wp() writes them", async () => {
    const elements = wellFormedElements(await written({ site, items: [{ ...item, postType: "attachment", attachmentUrl: "https://benchnotes.example/wp-content/uploads/a.jpg" }] }));
    const qualified = (element: { uri: string; local: string }) =>
      ({ "": "", "http://wordpress.org/export/1.2/": "wp:", "http://wordpress.org/export/1.2/excerpt/": "excerpt:", "http://purl.org/rss/1.0/modules/content/": "content:", "http://purl.org/dc/elements/1.1/": "dc:" })[element.uri] + element.local;
    expect(elements.filter((element) => element.path.at(-1) === "item").map(qualified)).toEqual([
      "title",
      "link",
      "pubDate",
      "dc:creator",
      "guid",
      "description",
      "content:encoded",
      "excerpt:encoded",
      "wp:post_id",
      "wp:post_date",
      "wp:post_date_gmt",
      "wp:post_modified",
      "wp:post_modified_gmt",
      "wp:comment_status",
      "wp:ping_status",
      "wp:post_name",
      "wp:status",
      "wp:post_parent",
      "wp:menu_order",
      "wp:post_type",
      "wp:post_password",
      "wp:is_sticky",
      "wp:attachment_url",
      "category",
      "category",
      "wp:postmeta",
      "wp:comment",
    ]);
    expect(elements.filter((element) => element.path.at(-1) === "wp:comment").map(qualified)).toEqual([
      "wp:comment_id",
      "wp:comment_author",
      "wp:comment_author_email",
      "wp:comment_author_url",
      "wp:comment_author_IP",
      "wp:comment_date",
      "wp:comment_date_gmt",
      "wp:comment_content",
      "wp:comment_approved",
      "wp:comment_type",
      "wp:comment_parent",
      "wp:comment_user_id",
      "wp:commentmeta",
    ]);
  });

  it("is laid out line by line as the WordPress importer's fallback regular-expression parser needs it", async () => {
    const author: Omit<WxrAuthor, "kind"> = { id: 2, login: "editor-maria", email: "maria@benchnotes.example", displayName: "Maria Okafor", firstName: "Maria", lastName: "Okafor" };
    const xml = await written({ site, authors: [author], items: [item, { ...item, postId: 43 }] });
    const lines = xml.split("\n");
    // That parser reads one line at a time: the version, the URLs and each whole author must sit on one line.
    expect(lines).toContain("\t<wp:wxr_version>1.2</wp:wxr_version>");
    expect(lines).toContain("\t<wp:base_site_url>https://benchnotes.example</wp:base_site_url>");
    expect(lines.filter((line) => /<wp:author>.*<\/wp:author>/.test(line))).toHaveLength(1);
    // …and finds items and their terms by <item>/</item> lines and this exact attribute order.
    expect(lines.filter((line) => line.trim() === "<item>")).toHaveLength(2);
    expect(lines.filter((line) => line.trim() === "</item>")).toHaveLength(2);
    expect(xml).toContain('\t\t<category domain="category" nicename="courts"><![CDATA[Courts]]></category>\n');
    expect(xml).toContain("\t\t<wp:comment_author_url><![CDATA[https://dana.example.net/?a=1&b=2]]></wp:comment_author_url>\n");
  });

  it("puts parent categories and terms before their children, whatever order they come in", async () => {
    const category = (nicename: string, parent: string | null): Omit<WxrCategory, "kind"> => ({ termId: null, nicename, parent, name: nicename, description: "", meta: [] });
    const term = (taxonomy: string, slug: string, parent: string | null): Omit<WxrTerm, "kind"> => ({ termId: null, taxonomy, slug, parent, name: slug, description: "", meta: [] });
    const records = await readBack(
      await written({
        site,
        categories: [category("sentencing", "courts"), category("appeals", "sentencing"), category("courts", null), category("orphan", "missing")],
        tags: [{ termId: 5, slug: "bail", name: "Bail", description: "", meta: [] } satisfies Omit<WxrTag, "kind">],
        terms: [term("series", "part-two", "season-one"), term("nav_menu", "header", null), term("series", "season-one", null)],
      }),
    );
    expect(records.filter((record) => record.kind === "category").map((record) => record.nicename)).toEqual(["courts", "sentencing", "appeals", "orphan"]);
    expect(records.filter((record) => record.kind === "term").map((record) => `${record.taxonomy}/${record.slug}`)).toEqual(["series/season-one", "series/part-two", "nav_menu/header"]);
  });

  it("keeps ]]>, emoji and right-to-left text, and drops the characters XML forbids", async () => {
    const tricky = {
      ...item,
      title: "Appeals ]]> and emoji \u{1F9D1}\u200D\u2696\uFE0F",
      content: "<p>a ]]> b ]]]]> c</p>\n<p dir=\"rtl\">\u05E9\u05DC\u05D5\u05DD \u0627\u0644\u0639\u062F\u0627\u0644\u0629</p>\u0000\u0008\u000B\u001F\uFFFE\uFFFF\uD800end",
      excerpt: "]]>",
      meta: [{ key: "_oembed_x", value: "<![CDATA[nested]]>" }],
      comments: [{ ...comment, content: "Bell\u0007 and \u{1F44D}]]>", author: "\u0645\u0631\u064A\u0645" }],
    };
    const xml = await written({ site, items: [tricky] });
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(xml).toContain("<content:encoded><![CDATA[<p>a ]]]]><![CDATA[> b ]]]]]]><![CDATA[> c</p>");
    wellFormedElements(xml);
    const again = (await readBack(xml)).find((record) => record.kind === "item")!;
    expect(again).toMatchObject({
      title: "Appeals ]]> and emoji \u{1F9D1}\u200D\u2696\uFE0F",
      content: "<p>a ]]> b ]]]]> c</p>\n<p dir=\"rtl\">\u05E9\u05DC\u05D5\u05DD \u0627\u0644\u0639\u062F\u0627\u0644\u0629</p>end",
      excerpt: "]]>",
      meta: [{ key: "_oembed_x", value: "<![CDATA[nested]]>" }],
      comments: [{ ...comment, content: "Bell and \u{1F44D}]]>", author: "\u0645\u0631\u064A\u0645" }],
    });
  });

  it("writes WordPress's zero date for dates an item does not have, and reads them back as none", async () => {
    const draft = { ...item, status: "draft", postDateGmt: null, postModified: null, postModifiedGmt: null, pubDate: null, comments: [{ ...comment, date: null, dateGmt: null }] };
    const xml = await written({ site, items: [draft] });
    expect(xml).toContain("<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>");
    expect(xml).toContain("<pubDate></pubDate>");
    const again = (await readBack(xml)).find((record) => record.kind === "item");
    expect(again).toEqual({ kind: "item", ...draft });
  });

  it("streams items from an async source one record per chunk", async () => {
    async function* items() {
      for (let postId = 1; postId <= 3; postId += 1) yield { ...item, postId };
    }
    const chunks = await collect(writeWxr({ site, items: items() }));
    expect(chunks.filter((chunk) => chunk.startsWith("\t<item>\n"))).toHaveLength(3);
    const again = await readBack(chunks.join(""));
    expect(again.filter((record) => record.kind === "item").map((record) => record.postId)).toEqual([1, 2, 3]);
  });
});

describe("the synthetic export for the import benchmark", () => {
  it("holds exactly the posts and comments asked for, every one readable, with series, co-authors and threads", async () => {
    const file = path.join(scratch, "synthetic.xml");
    const written = await writeSyntheticWxr(file, { posts: 120, comments: 1_001, pages: 3 });
    const records = await collect(readWxrFile(file));
    const items = records.filter((record) => record.kind === "item");
    const posts = items.filter((item) => item.postType === "post");
    const comments = items.flatMap((item) => item.comments);
    expect(written).toMatchObject({ items: 123, comments: 1_001 });
    expect(records.filter((record) => record.kind === "problem")).toEqual([]);
    expect(posts).toHaveLength(120);
    expect(items.filter((item) => item.postType === "page")).toHaveLength(3);
    expect(comments).toHaveLength(1_001);
    expect(new Set(comments.map((comment) => comment.id)).size).toBe(1_001);
    expect(comments.some((comment) => comment.parent !== 0)).toBe(true);
    expect(new Set(comments.map((comment) => comment.approved))).toEqual(new Set(["1", "0", "spam", "trash"]));
    expect(posts.some((post) => post.terms.some((term) => term.domain === "series") && post.meta.some((entry) => entry.key === "_series_part"))).toBe(true);
    expect(posts.some((post) => post.terms.some((term) => term.domain === "series") && !post.meta.some((entry) => entry.key === "_series_part"))).toBe(true);
    expect(posts.some((post) => post.terms.filter((term) => term.domain === "author").length === 2)).toBe(true);
    // The same options give the same file.
    const again = path.join(scratch, "synthetic-again.xml");
    await writeSyntheticWxr(again, { posts: 120, comments: 1_001, pages: 3 });
    expect(readFileSync(again).equals(readFileSync(file))).toBe(true);
  });
});
