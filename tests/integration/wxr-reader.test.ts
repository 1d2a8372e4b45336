import { createReadStream, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readWxr, readWxrFile, WxrSyntaxError } from "@/features/wordpress/wxr/reader";
import type { WxrAuthor, WxrCategory, WxrEnd, WxrItem, WxrProblem, WxrRecord, WxrSite, WxrTag, WxrTerm } from "@/features/wordpress/wxr/types";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/wordpress");
const fixture = (name: string) => path.join(FIXTURES, name);

async function collect(records: AsyncIterable<WxrRecord>): Promise<WxrRecord[]> {
  const all: WxrRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

type Read = {
  all: WxrRecord[];
  site: WxrSite;
  authors: WxrAuthor[];
  categories: WxrCategory[];
  tags: WxrTag[];
  terms: WxrTerm[];
  items: WxrItem[];
  problems: WxrProblem[];
  end: WxrEnd;
  item: (postId: number) => WxrItem;
};

function sortRecords(all: WxrRecord[]): Read {
  const of = <K extends WxrRecord["kind"]>(kind: K) => all.filter((record): record is Extract<WxrRecord, { kind: K }> => record.kind === kind);
  const items = of("item");
  return {
    all,
    site: of("site")[0],
    authors: of("author"),
    categories: of("category"),
    tags: of("tag"),
    terms: of("term"),
    items,
    problems: of("problem"),
    end: of("end")[0],
    item: (postId) => {
      const found = items.find((item) => item.postId === postId);
      if (!found) throw new Error(`no item ${postId}`);
      return found;
    },
  };
}

async function read(name: string): Promise<Read> {
  return sortRecords(await collect(readWxrFile(fixture(name))));
}

function metaOf(item: WxrItem): Record<string, string> {
  return Object.fromEntries(item.meta.map((entry) => [entry.key, entry.value]));
}

/** Feeds `bytes` to the reader in pieces of `size` bytes, as a slow network stream would. */
function inPieces(bytes: Buffer, size: number): AsyncIterable<Uint8Array> {
  return (async function* () {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  })();
}

async function syntaxErrorOf(records: AsyncIterable<WxrRecord>): Promise<{ error: WxrSyntaxError; before: WxrRecord[] }> {
  const before: WxrRecord[] = [];
  try {
    for await (const record of records) before.push(record);
  } catch (error) {
    if (error instanceof WxrSyntaxError) return { error, before };
    throw error;
  }
  throw new Error("expected a WxrSyntaxError");
}

describe("a self-hosted WXR 1.2 export of posts and pages", () => {
  it("gives the channel header first, then the authors with every field", async () => {
    const { all, site, authors } = await read("self-hosted-posts.xml");
    expect(all[0]).toBe(site);
    expect(site).toEqual({
      kind: "site",
      title: "Bench Notes",
      link: "https://benchnotes.example",
      description: "Commentary on courts, prisons and the people in them",
      pubDate: new Date("2024-06-20T08:12:40Z"),
      language: "en-GB",
      wxrVersion: "1.2",
      baseSiteUrl: "https://benchnotes.example",
      baseBlogUrl: "https://benchnotes.example",
    });
    expect(authors).toEqual([
      { kind: "author", id: 2, login: "editor-maria", email: "maria.okafor@benchnotes.example", displayName: "Maria Okafor", firstName: "Maria", lastName: "Okafor" },
      { kind: "author", id: 3, login: "tcallan", email: "tom.callan@benchnotes.example", displayName: "Tom Callan", firstName: "Tom", lastName: "Callan" },
      { kind: "author", id: 5, login: "probationwatch", email: "pw@benchnotes.example", displayName: "Probation Watch", firstName: "", lastName: "" },
    ]);
  });

  it("gives nested categories with their parent's slug, descriptions and term meta, and tags", async () => {
    const { categories, tags } = await read("self-hosted-posts.xml");
    expect(categories.map((category) => [category.termId, category.nicename, category.parent, category.name])).toEqual([
      [1, "uncategorized", null, "Uncategorized"],
      [2, "courts", null, "Courts"],
      [3, "prisons", null, "Prisons"],
      // WordPress stores term names HTML-escaped; the reader gives them as stored.
      [9, "policing-protest", null, "Policing &amp; Protest"],
      [7, "sentencing", "courts", "Sentencing"],
      [8, "youth-courts", "courts", "Youth courts"],
    ]);
    expect(categories[1].description).toBe("Trials, appeals, and the long wait for both.");
    expect(categories[3].meta).toEqual([{ key: "sponsor_note", value: "Supported by readers" }]);
    expect(tags).toEqual([
      { kind: "tag", termId: 11, slug: "bail", name: "Bail", description: "", meta: [] },
      { kind: "tag", termId: 12, slug: "legal-aid", name: "Legal aid", description: "Who pays for a defence, and who goes without.", meta: [] },
      { kind: "tag", termId: 13, slug: "short-sentences", name: "Short sentences", description: "", meta: [] },
      { kind: "tag", termId: 14, slug: "body-cameras", name: "Body cameras", description: "", meta: [] },
    ]);
  });

  it("gives a classic-editor post whole: shortcodes, more and nextpage markers, several categories in order", async () => {
    const post = (await read("self-hosted-posts.xml")).item(101);
    expect(post).toMatchObject({
      kind: "item",
      postId: 101,
      title: "Why short sentences fail everyone",
      link: "https://benchnotes.example/2024/03/04/why-short-sentences-fail/",
      pubDate: new Date("2024-03-04T09:15:00Z"),
      creator: "tcallan",
      guid: "https://benchnotes.example/?p=101",
      excerpt: "Short prison terms break housing and work, and leave no time for anything to change.",
      postDate: "2024-03-04 09:15:00",
      postDateGmt: new Date("2024-03-04T09:15:00Z"),
      postModified: "2024-03-05 17:40:12",
      postModifiedGmt: new Date("2024-03-05T17:40:12Z"),
      commentStatus: "open",
      pingStatus: "open",
      postName: "why-short-sentences-fail",
      status: "publish",
      postParent: 0,
      menuOrder: 0,
      postType: "post",
      postPassword: "",
      isSticky: false,
      attachmentUrl: null,
      meta: [{ key: "_edit_last", value: "3" }],
      comments: [],
    });
    expect(post.terms).toEqual([
      { domain: "category", nicename: "sentencing", name: "Sentencing" },
      { domain: "category", nicename: "prisons", name: "Prisons" },
      { domain: "post_tag", nicename: "short-sentences", name: "Short sentences" },
    ]);
    expect(post.content.startsWith("A sentence of six weeks is long enough to lose a tenancy and a job, and too short for any course inside to start.\n\n[caption id=\"attachment_201\" align=\"alignright\" width=\"300\"]<img ")).toBe(true);
    expect(post.content).toContain("stay.[/caption]\n\nMagistrates know this. So why do they keep passing them?\n<!--more-->\n<h2>What the numbers say</h2>");
    expect(post.content).toContain('[gallery ids="201,202" columns="2"]');
    expect(post.content).toContain('[pullquote align="left"]Nobody finishes a course in six weeks.[/pullquote]');
    expect(post.content).toContain("\n\nhttps://www.youtube.com/watch?v=bN0tEs0001a\n\n<!--nextpage-->\n");
    expect(post.content.endsWith("[embed]https://vimeo.com/100000001[/embed]")).toBe(true);
  });

  it("gives block-editor markup untouched, and the sticky flag", async () => {
    const post = (await read("self-hosted-posts.xml")).item(102);
    expect(post.isSticky).toBe(true);
    expect(post.content.startsWith("<!-- wp:paragraph -->\n<p>In a third of the country")).toBe(true);
    expect(post.content).toContain('<!-- wp:image {"id":202,"sizeSlug":"large","linkDestination":"none"} -->');
    expect(post.content).toContain('<!-- wp:embed {"url":"https://twitter.com/benchnotes/status/1778000000000000001","type":"rich","providerNameSlug":"twitter"} -->');
    expect(post.content.endsWith("<!-- /wp:embed -->")).toBe(true);
    expect(post.postDate).toBe("2024-04-12 07:30:00");
    expect(post.postDateGmt).toEqual(new Date("2024-04-12T06:30:00Z"));
  });

  it("gives each status as written: future, private, password-protected, draft and pending", async () => {
    const read_ = await read("self-hosted-posts.xml");
    expect(read_.item(103)).toMatchObject({ status: "future", postDate: "2024-07-01 08:00:00", postDateGmt: new Date("2024-07-01T07:00:00Z") });
    expect(read_.item(104)).toMatchObject({ status: "private", commentStatus: "closed", postPassword: "" });
    expect(read_.item(105)).toMatchObject({ status: "publish", postPassword: "wing-b-2024", creator: "probationwatch" });
    // Drafts have no GMT date (WordPress writes zeros) and often no slug; WordPress writes a pubDate of year -1.
    expect(read_.item(106)).toMatchObject({ status: "draft", postName: "", postDate: "2024-06-02 21:14:09", postDateGmt: null, pubDate: null, postModifiedGmt: new Date("2024-06-02T20:14:09Z") });
    expect(read_.item(107)).toMatchObject({ status: "pending", postDateGmt: null, terms: [{ domain: "category", nicename: "policing-protest", name: "Policing &amp; Protest" }, { domain: "post_tag", nicename: "body-cameras", name: "Body cameras" }] });
  });

  it("passes on a dc:creator that names no author, for the importer to report", async () => {
    const { authors, item } = await read("self-hosted-posts.xml");
    expect(item(108).creator).toBe("jsmith-old");
    expect(authors.map((author) => author.login)).not.toContain("jsmith-old");
  });

  it("gives pages with their parent and order, and counts everything at the end", async () => {
    const { item, items, end } = await read("self-hosted-posts.xml");
    expect(item(110)).toMatchObject({ postType: "page", postName: "about", postParent: 0, menuOrder: 1, meta: [{ key: "_wp_page_template", value: "default" }] });
    expect(item(111)).toMatchObject({ postType: "page", postName: "write-for-us", postParent: 110, menuOrder: 2, title: "Write for us" });
    expect(items.map((each) => each.postId)).toEqual([101, 102, 103, 104, 105, 106, 107, 108, 110, 111]);
    expect(end).toEqual({
      kind: "end",
      bytesRead: statSync(fixture("self-hosted-posts.xml")).size,
      encoding: "utf-8",
      invalidByteSequences: 0,
      forbiddenCharactersRemoved: 0,
      counts: { authors: 3, categories: 6, tags: 4, terms: 0, items: 10, comments: 0, problems: 0 },
    });
  });
});

describe("series and Co-Authors Plus bylines", () => {
  it("gives the series and co-author terms", async () => {
    const { terms } = await read("self-hosted-series-coauthors.xml");
    expect(terms.map((term) => [term.termId, term.taxonomy, term.slug, term.name])).toEqual([
      [30, "series", "why-i-write", "Why I write"],
      [31, "series", "on-remand", "On Remand"],
      [40, "author", "cap-tcallan", "tcallan"],
      [41, "author", "cap-editor-maria", "editor-maria"],
      [42, "author", "cap-aisha-rahman", "aisha-rahman"],
    ]);
    expect(terms[0].description).toBe("Guests on why they write about justice, one a week.");
    expect(terms[4].description).toBe("Aisha Rahman Aisha Rahman aisha-rahman 301 aisha.rahman@example.org");
  });

  it("gives co-authors in byline order and the series part where a post has one", async () => {
    const { item } = await read("self-hosted-series-coauthors.xml");
    const authorsOf = (postId: number) => item(postId).terms.filter((term) => term.domain === "author").map((term) => term.nicename);
    const seriesOf = (postId: number) => item(postId).terms.filter((term) => term.domain === "series").map((term) => term.nicename);
    expect(authorsOf(310)).toEqual(["cap-aisha-rahman", "cap-editor-maria"]);
    expect(authorsOf(311)).toEqual(["cap-tcallan"]);
    expect(authorsOf(312)).toEqual([]);
    expect(authorsOf(313)).toEqual(["cap-tcallan", "cap-aisha-rahman"]);
    expect([310, 311, 312, 313, 314, 315].map((postId) => [postId, seriesOf(postId)[0], metaOf(item(postId))._series_part])).toEqual([
      [310, "why-i-write", "1"],
      [311, "why-i-write", "2"],
      [312, "why-i-write", undefined],
      [313, "on-remand", undefined],
      [314, "on-remand", undefined],
      [315, "why-i-write", "4"],
    ]);
  });

  it("gives the guest-author item with its cap- meta", async () => {
    const guest = (await read("self-hosted-series-coauthors.xml")).item(301);
    expect(guest).toMatchObject({ postType: "guest-author", title: "Aisha Rahman", postName: "cap-aisha-rahman", content: "", excerpt: "", terms: [{ domain: "author", nicename: "cap-aisha-rahman", name: "aisha-rahman" }] });
    expect(metaOf(guest)).toEqual({
      "cap-display_name": "Aisha Rahman",
      "cap-first_name": "Aisha",
      "cap-last_name": "Rahman",
      "cap-user_login": "aisha-rahman",
      "cap-user_email": "aisha.rahman@example.org",
      "cap-description": "A former magistrate who now writes about remand and the people it holds.",
      "cap-website": "https://aisharahman.example.org",
    });
  });

  it("drops the indentation WordPress 5.3 wrote around titles and CDATA, and decodes character references", async () => {
    const post = (await read("self-hosted-series-coauthors.xml")).item(310);
    expect(post.title).toBe("Why I write: the magistrate\u2019s view");
    expect(post.content).toBe("For eleven years I sat on the bench and said very little. Writing is how I say the rest.");
    expect(post.excerpt).toBe("A former magistrate on what the bench does not let you say.");
    expect(post.postModified).toBeNull();
    expect(post.postModifiedGmt).toBeNull();
  });
});

describe("comments", () => {
  it("gives every field of a comment", async () => {
    const post = (await read("self-hosted-comments.xml")).item(401);
    expect(post.comments[0]).toEqual({
      id: 501,
      author: "Dana Whitfield",
      authorEmail: "dana.whitfield@example.net",
      authorUrl: "https://danawhitfield.example.net/",
      authorIp: "203.0.113.7",
      date: "2024-05-02 09:12:44",
      dateGmt: new Date("2024-05-02T08:12:44Z"),
      content: "As a juror last year I watched the same twenty seconds nine times. Each time it looked worse for him.\n\nRepetition is not neutral.",
      approved: "1",
      type: "comment",
      parent: 0,
      userId: 0,
      meta: [],
    });
  });

  it("keeps threads, approval states, pingbacks, trackbacks and comment meta", async () => {
    const { item, end } = await read("self-hosted-comments.xml");
    const comments = item(401).comments;
    expect(comments.map((comment) => [comment.id, comment.parent, comment.approved, comment.type, comment.userId])).toEqual([
      [501, 0, "1", "comment", 0],
      [502, 501, "1", "comment", 2], // comment_type "" (before WordPress 5.5) is a comment
      [503, 502, "1", "comment", 0],
      [504, 0, "0", "comment", 0],
      [505, 0, "spam", "comment", 0],
      [506, 0, "trash", "comment", 0],
      [507, 0, "1", "pingback", 0],
      [508, 0, "1", "trackback", 0],
      [509, 504, "1", "comment", 2],
    ]);
    const byId = new Map(comments.map((comment) => [comment.id, comment]));
    expect(byId.get(505)!.meta).toEqual([
      { key: "akismet_result", value: "true" },
      { key: "akismet_history", value: 'a:2:{s:4:"time";d:1714788183.5;s:5:"event";s:10:"check-spam";}' },
    ]);
    expect(byId.get(506)!.meta.map((entry) => entry.key)).toEqual(["_wp_trash_meta_status", "_wp_trash_meta_time"]);
    expect(byId.get(504)!.authorIp).toBe("2001:db8::42");
    expect(byId.get(507)).toMatchObject({ author: "Courtwatch &#187; Footage and fairness", authorUrl: "https://courtwatch.example.org/2024/05/footage-and-fairness/", authorEmail: "" });
    expect(byId.get(507)!.content).toBe("[&#8230;] as Bench Notes argued last week, a clip is one angle of an event [&#8230;]");
    expect(byId.get(508)!.authorUrl).toBe("https://appealsdigest.example.com/weekly/2024-19?ref=trackback&src=benchnotes");
    expect(item(402)).toMatchObject({ commentStatus: "closed", pingStatus: "closed", comments: [] });
    expect(end.counts.comments).toBe(9);
  });
});

describe("media and menus", () => {
  it("gives an attachment with its file and a post's featured image", async () => {
    const { item } = await read("self-hosted-media-menus.xml");
    expect(item(701)).toMatchObject({
      postType: "attachment",
      status: "inherit",
      postParent: 702,
      attachmentUrl: "https://benchnotes.example/wp-content/uploads/2024/04/court-4.jpg",
      guid: "https://benchnotes.example/wp-content/uploads/2024/04/court-4.jpg",
      excerpt: "The public gallery, ten minutes before the list is called.",
    });
    expect(metaOf(item(701))).toMatchObject({ _wp_attached_file: "2024/04/court-4.jpg", _wp_attachment_image_alt: "Empty wooden benches in a courtroom public gallery" });
    const post = item(702);
    expect(metaOf(post)._thumbnail_id).toBe("701");
    expect(post.attachmentUrl).toBeNull();
    const oembed = metaOf(post)._oembed_6f1ed002ab5595859014ebf0951522d9;
    expect(oembed.startsWith('<blockquote class="twitter-tweet"')).toBe(true);
    expect(oembed.endsWith('<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>')).toBe(true);
    expect(post.content).toContain("\n\nhttps://twitter.com/benchnotes/status/1782700000000000002\n\n");
  });

  it("gives the menu and its items with their _menu_item_ meta", async () => {
    const { terms, items } = await read("self-hosted-media-menus.xml");
    expect(terms).toEqual([{ kind: "term", termId: 50, taxonomy: "nav_menu", slug: "header-menu", parent: null, name: "Header menu", description: "", meta: [] }]);
    const menuItems = items.filter((item) => item.postType === "nav_menu_item");
    expect(
      menuItems.map((item) => {
        const meta = metaOf(item);
        return [item.postId, item.title, item.menuOrder, meta._menu_item_type, meta._menu_item_object, meta._menu_item_object_id, meta._menu_item_menu_item_parent, meta._menu_item_url];
      }),
    ).toEqual([
      [710, "", 1, "post_type", "page", "703", "0", ""],
      [711, "", 2, "taxonomy", "category", "2", "0", ""],
      [712, "Subscribe", 3, "custom", "custom", "712", "0", "https://benchnotes.example/subscribe/"],
      [713, "Sentencing archive", 4, "custom", "custom", "713", "711", "https://benchnotes.example/category/courts/sentencing/"],
    ]);
    for (const item of menuItems) expect(item.terms).toEqual([{ domain: "nav_menu", nicename: "header-menu", name: "Header menu" }]);
    expect(metaOf(menuItems[0])._menu_item_classes).toBe('a:1:{i:0;s:0:"";}');
  });
});

describe("other WXR versions and hosts", () => {
  it("reads a WordPress.com export (WXR 1.1): its own header fields, unescaped values, an undeclared prefix", async () => {
    const { site, authors, categories, tags, items, item, end } = await read("wordpress-com-1.1.xml");
    expect(site).toEqual({
      kind: "site",
      title: "Notes from the Public Gallery", // not the <image> block's own <title>
      link: "https://publicgallerynotes.wordpress.com",
      description: "A court reporter's notebook",
      pubDate: new Date("2013-06-03T21:40:12Z"),
      language: "en",
      wxrVersion: "1.1",
      baseSiteUrl: "http://wordpress.com/",
      baseBlogUrl: "https://publicgallerynotes.wordpress.com",
    });
    expect(authors).toEqual([{ kind: "author", id: 48213377, login: "galleryreporter", email: "galleryreporter@example.com", displayName: "Gallery Reporter", firstName: "Sam", lastName: "Adeyemi" }]);
    expect(categories.map((category) => [category.termId, category.nicename])).toEqual([[1750, "crown-court"]]);
    expect(tags.map((tag) => [tag.termId, tag.slug])).toEqual([[35080, "juries"]]);
    expect(items.map((each) => [each.postId, each.postType, each.status])).toEqual([
      [87, "post", "publish"],
      [88, "attachment", "inherit"],
      [91, "post", "draft"],
    ]);
    expect(item(87)).toMatchObject({ title: "The jury that asked for a dictionary", creator: "galleryreporter", postModified: null, terms: [{ domain: "category", nicename: "crown-court", name: "Crown Court" }, { domain: "post_tag", nicename: "juries", name: "juries" }] });
    expect(metaOf(item(87))).toEqual({ _wpas_done_all: "1", geo_public: "0", _publicize_twitter_user: "@galleryreporter" });
    expect(item(87).comments).toEqual([
      {
        id: 12,
        author: "Former juror",
        authorEmail: "juror.2011@example.com",
        authorUrl: "",
        authorIp: "192.0.2.200",
        date: "2013-05-14 22:41:09",
        dateGmt: new Date("2013-05-14T21:41:09Z"),
        content: 'We were told the same. We argued about "recklessly" for an hour.',
        approved: "1",
        type: "comment",
        parent: 0,
        userId: 0,
        meta: [{ key: "akismet_result", value: "false" }],
      },
    ]);
    expect(item(88).attachmentUrl).toBe("http://publicgallerynotes.files.wordpress.com/2013/05/court-steps.jpg");
    expect(item(91)).toMatchObject({ pubDate: null, postDateGmt: null, postName: "" }); // WordPress.com writes 1970 for a draft
    expect(end.counts).toEqual({ authors: 1, categories: 1, tags: 1, terms: 0, items: 3, comments: 1, problems: 0 });
  });

  it("reads a WXR 1.0 export: no authors or term ids, each term once, tags under post_tag", async () => {
    const { site, authors, categories, tags, terms, item } = await read("wxr-1.0.xml");
    expect(site).toMatchObject({ wxrVersion: "1.0", title: "Duty Solicitor Diaries", baseBlogUrl: "http://dutysolicitor.example.co.uk" });
    expect(authors).toEqual([]);
    expect(categories).toEqual([
      { kind: "category", termId: null, nicename: "police-stations", parent: null, name: "Police stations", description: "", meta: [] },
      { kind: "category", termId: null, nicename: "night-shifts", parent: "police-stations", name: "Night shifts", description: "", meta: [] },
    ]);
    expect(tags).toEqual([{ kind: "tag", termId: null, slug: "interviews", name: "interviews", description: "", meta: [] }]);
    expect(terms).toEqual([{ kind: "term", termId: 2, taxonomy: "link_category", slug: "blogroll", parent: null, name: "Blogroll", description: "", meta: [] }]);
    const post = item(14);
    expect(post.terms).toEqual([
      { domain: "category", nicename: "night-shifts", name: "Night shifts" },
      { domain: "post_tag", nicename: "interviews", name: "interviews" },
    ]);
    expect(post).toMatchObject({ creator: "dutysol", isSticky: false, postModified: null, postDateGmt: new Date("2010-03-16T08:30:00Z") });
    expect(post.content).toBe("He was nineteen and had been asleep on the bench for an hour when they called me in.\n\nHe wanted to know if he could go home before his mum woke up.");
    expect(post.comments.map((comment) => [comment.id, comment.type, comment.content])).toEqual([[3, "comment", "Did he?"]]);
    expect(item(2)).toMatchObject({ postType: "page", terms: [] });
  });

  it("reads namespace prefixes a file forgot to declare", async () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><wp:wxr_version>1.2</wp:wxr_version>
      <item><title>Undeclared</title><wp:post_id>7</wp:post_id><content:encoded><![CDATA[Body]]></content:encoded><dc:creator>ann</dc:creator><excerpt:encoded>Short</excerpt:encoded></item></channel></rss>`;
    const { site, items } = sortRecords(await collect(readWxr(Readable.from([Buffer.from(xml)]))));
    expect(site.wxrVersion).toBe("1.2");
    expect(items[0]).toMatchObject({ postId: 7, title: "Undeclared", content: "Body", creator: "ann", excerpt: "Short" });
  });
});

describe("records that do not parse", () => {
  it("are reported with their id and title, and the records around them still come through", async () => {
    const { authors, categories, items, problems, end } = await read("broken-records.xml");
    expect(problems).toEqual([
      { kind: "problem", record: "author", id: null, title: "Nameless Contributor", itemId: null, line: 18, message: "author_login: missing" },
      { kind: "problem", record: "category", id: null, title: "Slugless", itemId: null, line: 24, message: "category_nicename: missing" },
      { kind: "problem", record: "item", id: "abc", title: "An item with a bad id", itemId: null, line: 34, message: "post_id: expected a whole number" },
      {
        kind: "problem",
        record: "item",
        id: "802",
        title: "An item from the thirteenth month",
        itemId: null,
        line: 44,
        message: 'post_date: expected a date like 2024-05-01 09:30:00, got "2024-13-45 10:00:00"; post_date_gmt: expected a date like 2024-05-01 09:30:00, got "2024-13-45 10:00:00"',
      },
      { kind: "problem", record: "comment", id: null, title: "Comments on remand times", itemId: "803", line: 70, message: "comment_id: expected a whole number" },
      { kind: "problem", record: "comment", id: "903", title: "Comments on remand times", itemId: "803", line: 76, message: "comment_approved: expected 1, 0, spam, trash or post-trashed" },
    ]);
    expect(authors.map((author) => author.login)).toEqual(["editor-maria"]);
    expect(categories).toEqual([]);
    expect(items.map((item) => [item.postId, item.comments.map((comment) => comment.id)])).toEqual([[803, [901]]]);
    expect(end.counts).toMatchObject({ authors: 1, items: 1, comments: 1, problems: 6 });
  });
});

describe("malformed files", () => {
  it("stop a truncated file with a WxrSyntaxError at its end, after the records before it", async () => {
    const text = readFileSync(fixture("truncated.xml"), "utf8");
    const lines = text.split("\n");
    const { error, before } = await syntaxErrorOf(readWxrFile(fixture("truncated.xml")));
    expect(error.line).toBe(lines.length);
    expect(error.column).toBe(lines.at(-1)!.length + 1);
    expect(error.reason).toBe("unclosed tag: content:encoded");
    expect(error.message).toBe(`line ${lines.length}, column ${lines.at(-1)!.length + 1}: unclosed tag: content:encoded`);
    expect(before.map((record) => record.kind)).toEqual(["site", "author", "item"]);
    expect(before[2]).toMatchObject({ postId: 1001, title: "The first post arrives whole" });
  });

  it("point at the fault of a mismatched tag", async () => {
    const xml = `<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<item><title>One</title></itme>\n</channel></rss>`;
    const { error } = await syntaxErrorOf(readWxr(Readable.from([Buffer.from(xml)])));
    expect(error).toBeInstanceOf(WxrSyntaxError);
    expect(error.line).toBe(4);
    expect(error.column).toBe("<item><title>One</title></itme>".length + 1);
    expect(error.reason).toBe("unexpected close tag.");
  });

  it("refuse a file that is not an RSS document, and an encoding nobody can decode", async () => {
    const html = await syntaxErrorOf(readWxr(Readable.from([Buffer.from("<!DOCTYPE html>\n<html><body>Not found</body></html>")])));
    expect(html.error.reason).toBe("not a WordPress export: the root element is <html>, not <rss>");
    expect(html.error.line).toBe(2);
    const unknown = await syntaxErrorOf(readWxr(Readable.from([Buffer.from('<?xml version="1.0" encoding="x-klingon"?><rss/>')])));
    expect(unknown.error.reason).toBe('unsupported encoding "x-klingon" in the XML declaration');
  });
});

describe("encodings", () => {
  it("reads invalid UTF-8 as U+FFFD and counts it; removes the characters XML forbids and counts them", async () => {
    const { site, items, end } = await read("invalid-utf8.xml");
    expect(site.title).toBe("Bench Notes");
    expect(items[0].title).toBe("Caf\uFFFD society and the bench");
    expect(items[0].content).toBe("Before \uFFFD\uFFFD after. Cut: \uFFFD end. Genuine: \uFFFD. Controls: done. Fine: \u20AC.");
    // 0xE9, 0xFF, 0xFE and the cut sequence; the genuine U+FFFD is not an error.
    expect(end).toMatchObject({ encoding: "utf-8", invalidByteSequences: 4, forbiddenCharactersRemoved: 3 });
  });

  it("counts the same when the bytes arrive one at a time", async () => {
    const bytes = readFileSync(fixture("invalid-utf8.xml"));
    const { items, end } = sortRecords(await collect(readWxr(inPieces(bytes, 1))));
    expect(items[0].content).toBe("Before \uFFFD\uFFFD after. Cut: \uFFFD end. Genuine: \uFFFD. Controls: done. Fine: \u20AC.");
    expect(end).toMatchObject({ invalidByteSequences: 4, forbiddenCharactersRemoved: 3, bytesRead: bytes.length });
  });

  it("decodes a file declared windows-1252", async () => {
    const { site, items, end } = await read("windows-1252.xml");
    expect(site.title).toBe("Caf\u00e9 Justice");
    expect(items[0].title).toBe("\u201cJustice delayed\u201d \u2013 a caf\u00e9 conversation");
    expect(items[0].content).toBe("Fines rose to \u20ac250 \u2013 and the magistrate\u2019s reply was brief: \u201cpay by Friday\u201d. Na\u00efve? Perhaps.");
    expect(end).toMatchObject({ encoding: "windows-1252", invalidByteSequences: 0 });
  });

  it("decodes a file declared ISO-8859-1 (as windows-1252, which browsers and WordPress's Latin-1 data mean by it)", async () => {
    const xml = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>', "latin1"),
      Buffer.from([0x50, 0xe9, 0x6e, 0x61, 0x6c, 0x20, 0x80, 0x35]), // "Pénal €5": 0x80 is the euro sign in windows-1252
      Buffer.from("</title></channel></rss>", "latin1"),
    ]);
    const { site, end } = sortRecords(await collect(readWxr(Readable.from([xml]))));
    expect(site.title).toBe("P\u00e9nal \u20ac5");
    expect(end.encoding).toBe("windows-1252");
  });

  it("honours a byte-order mark", async () => {
    const body = '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>R\u00e9sum\u00e9 \u{1F600}</title></channel></rss>';
    const utf8 = sortRecords(await collect(readWxr(Readable.from([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, "utf8")])]))));
    expect(utf8.site.title).toBe("R\u00e9sum\u00e9 \u{1F600}");
    const utf16 = sortRecords(await collect(readWxr(Readable.from([Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, "utf16le")])]))));
    expect(utf16.site.title).toBe("R\u00e9sum\u00e9 \u{1F600}");
    expect(utf16.end.encoding).toBe("utf-16le");
  });
});

describe("streaming", () => {
  it("gives the same records whatever size the chunks come in", async () => {
    for (const name of ["self-hosted-posts.xml", "self-hosted-comments.xml", "windows-1252.xml"]) {
      const whole = await collect(readWxrFile(fixture(name)));
      const bytes = readFileSync(fixture(name));
      expect(await collect(readWxr(inPieces(bytes, 7)))).toEqual(whole);
      expect(await collect(readWxr(inPieces(bytes, 1000)))).toEqual(whole);
    }
  });

  it("reports progress in bytes read, up to the file's size", async () => {
    const size = statSync(fixture("self-hosted-posts.xml")).size;
    const progress: number[] = [];
    for await (const record of readWxr(inPieces(readFileSync(fixture("self-hosted-posts.xml")), 4096), { onProgress: (bytes) => progress.push(bytes) })) void record;
    expect(progress.length).toBe(Math.ceil(size / 4096));
    expect(progress.every((bytes, index) => index === 0 || bytes > progress[index - 1])).toBe(true);
    expect(progress.at(-1)).toBe(size);
  });

  it("closes the file when the caller stops early", async () => {
    const stream = createReadStream(fixture("self-hosted-posts.xml"), { highWaterMark: 1024 });
    for await (const record of readWxr(stream)) {
      if (record.kind === "item") break;
    }
    expect(stream.destroyed).toBe(true);
  });
});
