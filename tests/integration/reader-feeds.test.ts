import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase as openTestDatabase } from "../helpers/database";
import { createPost, createReaderFixtures, SECRET_REAL_NAME } from "./reader-fixtures";
import { renderFeed } from "@/features/feeds/documents";

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
      expect(entry.id).toMatch(/^https:\/\/docket\.example\/posts\//);
      expect(entry.title).toBeTruthy();
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
      expect(entry.content["@type"]).toBe("html");
      expect(asArray(entry.author).length).toBeGreaterThan(0);
    }
    expect(xml).not.toContain(SECRET_REAL_NAME);
    expect(xml).not.toContain("Secret scheduled title");
  });
});
