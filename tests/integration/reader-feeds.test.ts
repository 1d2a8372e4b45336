import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase as openTestDatabase } from "../helpers/database";
import { createPost, createReaderFixtures, SECRET_REAL_NAME } from "./reader-fixtures";
import { renderFeed } from "@/features/feeds/documents";
import { db } from "@/lib/db";

/** The template copy fails while the global setup's migration connection is still idle-open. */
async function openTestDatabaseWhenTemplateFree() {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await openTestDatabase();
    } catch (error) {
      if (attempt >= 30 || !String(error).includes("being accessed by other users")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

let fixtures: Awaited<ReturnType<typeof createReaderFixtures>>;

beforeAll(async () => {
  process.env.SITE_URL = "https://docket.example";
  await openTestDatabaseWhenTemplateFree();
  fixtures = await createReaderFixtures();
  await createPost({
    slug: "ampersands",
    title: "Courts & <prisons> ]]> \"quoted\"",
    status: "PUBLISHED",
    daysAgo: 0.5,
    authorIds: [fixtures.pseudonym.id],
    bodyHtml: '<p>Fish &amp; chips ]]> and <a href="/posts/tweet-one">a relative link</a> <img src="/media/a.png" alt="A"></p>',
  });
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

async function feed(scope: Parameters<typeof renderFeed>[0], format: "rss" | "atom") {
  const xml = await renderFeed(scope, format);
  expect(xml).not.toBeNull();
  expect(XMLValidator.validate(xml!)).toBe(true);
  return { xml: xml!, document: parser.parse(xml!) };
}

describe("RSS 2.0", () => {
  it("is well-formed with the required channel and item elements, full content and absolute links", async () => {
    const { xml, document } = await feed({ kind: "site" }, "rss");
    expect(document.rss["@version"]).toBe("2.0");
    const channel = document.rss.channel;
    expect(channel.title).toBeTruthy();
    expect(channel.link).toBe("https://docket.example/");
    expect(channel.description).toBeTruthy();
    expect(channel["atom:link"]["@href"]).toBe("https://docket.example/feed.xml");
    const items = asArray(channel.item);
    expect(items.map((item: { link: string }) => item.link)).toEqual([
      "https://docket.example/posts/ampersands",
      "https://docket.example/posts/tweet-five",
      "https://docket.example/posts/courts-opinion",
      "https://docket.example/posts/tweet-three",
      "https://docket.example/posts/tweet-two",
      "https://docket.example/posts/tweet-one",
      "https://docket.example/posts/lonely-post",
    ]);
    const first = items[0];
    expect(first.title).toBe('Courts & <prisons> ]]> "quoted"');
    expect(new Date(first.pubDate).toString()).not.toBe("Invalid Date");
    expect(first["content:encoded"]).toContain("Fish &amp; chips ]]>");
    expect(first["content:encoded"]).toContain('href="https://docket.example/posts/tweet-one"');
    expect(first["content:encoded"]).toContain('src="https://docket.example/media/a.png"');
    expect(first["dc:creator"]).toBe("The Custody Sergeant");
    expect(xml).not.toContain(SECRET_REAL_NAME);
    expect(xml).not.toContain("tweet-scheduled");
    expect(xml).not.toContain("hidden-draft");
  });

  it("scopes to a series, category or author, and has no feed for one with nothing published", async () => {
    const series = (await feed({ kind: "series", slug: "why-i-tweet" }, "rss")).document.rss.channel;
    expect(series.title).toContain("Why I tweet");
    expect(asArray(series.item)).toHaveLength(4);
    const category = (await feed({ kind: "category", slug: "opinion" }, "rss")).document.rss.channel;
    expect(asArray(category.item).map((item: { title: string }) => item.title)).toEqual(["An opinion on courts"]);
    const author = (await feed({ kind: "author", slug: "alice-adams" }, "rss")).document.rss.channel;
    expect(asArray(author.item)).toHaveLength(3);
    expect(await renderFeed({ kind: "author", slug: "draft-only" }, "rss")).toBeNull();
    expect(await renderFeed({ kind: "series", slug: "no-such-series" }, "atom")).toBeNull();
  });
});

describe("Atom", () => {
  it("is well-formed with the required feed and entry elements", async () => {
    const { xml, document } = await feed({ kind: "series", slug: "why-i-tweet" }, "atom");
    const root = document.feed;
    expect(root["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(root.id).toBe("https://docket.example/series/why-i-tweet");
    expect(root.title).toContain("Why I tweet");
    expect(Number.isNaN(Date.parse(root.updated))).toBe(false);
    expect(asArray(root.link).map((link: { "@rel": string }) => link["@rel"]).sort()).toEqual(["alternate", "self"]);
    const entries = asArray(root.entry);
    expect(entries).toHaveLength(4);
    for (const entry of entries) {
      expect(entry.id).toMatch(/^tag:docket\.example,\d{4}-\d{2}-\d{2}:post:\w+$/);
      expect(entry.title).toBeTruthy();
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
      expect(entry.content["@type"]).toBe("html");
      expect(asArray(entry.author).length).toBeGreaterThan(0);
    }
    expect(xml).not.toContain(SECRET_REAL_NAME);
    expect(xml).not.toContain("Secret scheduled title");
  });
});

describe("what no writer can break (issue #14)", () => {
  // Characters XML 1.0 forbids: C0 controls other than tab, line feed and carriage return, lone
  // surrogates, U+FFFE and U+FFFF.
  const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
  let hostile: { id: string; slug: string };

  beforeAll(async () => {
    const author = await db().authorProfile.create({ data: { slug: "hostile-writer", displayName: "Hostile\u0001 Writer" } });
    hostile = await createPost({
      slug: "control-characters",
      title: "Bell\u0007 and\u0001 form\u000Cfeed \uD800 lone",
      status: "PUBLISHED",
      daysAgo: 0.1,
      authorIds: [author.id],
      standfirst: "<img src=x onerror=alert(1)> and\u0002 a <b>tag</b> & more",
      bodyHtml: '<p>Text\u0003 with a <a href="#user-content-fn-1">footnote</a>, a <a href="#top">top link</a>, and \u001F.</p>',
    });
  });

  it("keeps every feed well-formed XML whatever characters a post holds", async () => {
    for (const format of ["rss", "atom"] as const) {
      for (const scope of [{ kind: "site" }, { kind: "author", slug: "hostile-writer" }] as const) {
        const { xml } = await feed(scope, format);
        expect(FORBIDDEN_IN_XML.exec(xml)?.[0], `${format} ${scope.kind}`).toBeUndefined();
        expect(xml).toContain("Bell and form");
      }
    }
  });

  it("escapes an RSS description as text: feed readers decode it into markup otherwise", async () => {
    const { document } = await feed({ kind: "author", slug: "hostile-writer" }, "rss");
    const item = asArray(document.rss.channel.item)[0];
    // After XML decoding, what a reader's HTML parser gets: escaped text, no element.
    expect(item.description).toBe("&lt;img src=x onerror=alert(1)&gt; and a &lt;b&gt;tag&lt;/b&gt; &amp; more");
    const atom = (await feed({ kind: "author", slug: "hostile-writer" }, "atom")).document.feed;
    expect(asArray(atom.entry)[0].summary).toBe("<img src=x onerror=alert(1)> and a <b>tag</b> & more");
  });

  it("makes in-article # links absolute, pointing into the post's page", async () => {
    const { document } = await feed({ kind: "author", slug: "hostile-writer" }, "rss");
    const content: string = asArray(document.rss.channel.item)[0]["content:encoded"];
    expect(content).toContain('href="https://docket.example/posts/control-characters#user-content-fn-1"');
    expect(content).toContain('href="https://docket.example/posts/control-characters#top"');
  });

  it("gives each post an id that survives a change of its slug (RSS guid, Atom id)", async () => {
    const ids = async () => {
      const rss = asArray((await feed({ kind: "author", slug: "hostile-writer" }, "rss")).document.rss.channel.item)[0];
      const atom = asArray((await feed({ kind: "author", slug: "hostile-writer" }, "atom")).document.feed.entry)[0];
      return { guid: rss.guid, atomId: atom.id, link: rss.link };
    };
    const before = await ids();
    await db().post.update({ where: { id: hostile.id }, data: { slug: "control-characters-renamed" } });
    const after = await ids();
    expect(after.link).toBe("https://docket.example/posts/control-characters-renamed");
    expect(after.guid).toEqual(before.guid);
    expect(after.atomId).toBe(before.atomId);
    expect(before.guid["@isPermaLink"]).toBe("false");
    expect(before.atomId).toMatch(/^tag:docket\.example,\d{4}-\d{2}-\d{2}:post:/);
    await db().post.update({ where: { id: hostile.id }, data: { slug: "control-characters" } });
  });
});
