import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_CONTENT_SETTING_KEY, DEMO_EDITOR_EMAIL, demoPosts } from "@/features/demo-content/content";
import { loadDemoContent } from "@/features/demo-content/mutations";
import { demoPages, demoSiteSettings } from "@/features/demo-content/content";
import { getMenuLinks } from "@/features/menus/data";
import { readSiteSettings } from "@/features/site/data";
import { db } from "@/lib/db";
import { useTestDatabase } from "../helpers/database";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date();

/** Row counts of every table in the schema, so a duplicate anywhere shows up. */
async function countEveryTable(): Promise<Record<string, number>> {
  const tables = await db().$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY table_name`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db().$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "${name}"`);
    counts[name] = Number(row.count);
  }
  return counts;
}

let firstCounts: Record<string, number>;

beforeAll(async () => {
  await useTestDatabase();
  expect(await loadDemoContent(now)).toEqual({ loaded: true });
  firstCounts = await countEveryTable();
});

describe("loading the demo content", () => {
  it("fills the tables a reader and an editor see", () => {
    for (const table of ["User", "AuthorProfile", "Post", "PostAuthor", "Revision", "EditorialNote", "Series",
      "Category", "Tag", "PostTag", "Redirect", "Comment", "Subscriber", "SubscriberSeries", "SubscriberCategory", "Setting", "Page", "PageRevision"]) {
      expect(firstCounts[table], table).toBeGreaterThan(0);
    }
  });

  it("does nothing the second time: every table keeps its count", async () => {
    expect(await loadDemoContent(now)).toEqual({ loaded: false });
    expect(await countEveryTable()).toEqual(firstCounts);
  });

  it("completes a partial earlier run without duplicating anything", async () => {
    // A run that died before the marker and after some rows: the marker is missing and a post
    // (with its comments, revision, bylines and redirect) never made it.
    await db().setting.delete({ where: { key: DEMO_CONTENT_SETTING_KEY } });
    await db().post.delete({ where: { slug: "why-i-speak-up-nights-on-a-remand-wing" } });
    await db().subscriber.delete({ where: { email: "kwame.boateng@example.com" } });
    expect((await countEveryTable()).Post).toBe(firstCounts.Post - 1);

    expect(await loadDemoContent(now)).toEqual({ loaded: true });
    expect(await countEveryTable()).toEqual(firstCounts);
  });
});

describe("the demo content's shape", () => {
  it("has a login for every role, the editor at the advertised address", async () => {
    const users = await db().user.findMany({ select: { email: true, role: true, profile: { select: { id: true } } } });
    expect(new Set(users.map((user) => user.role))).toEqual(new Set(["ADMIN", "EDITOR", "AUTHOR", "GUEST"]));
    const editor = users.find((user) => user.email === DEMO_EDITOR_EMAIL);
    expect(editor?.role).toBe("EDITOR");
    expect(editor?.profile).not.toBeNull();
    for (const role of ["AUTHOR", "GUEST"]) expect(users.find((user) => user.role === role)?.profile).not.toBeNull();
  });

  it("has five or more bylines: a pen name with a hidden real name, a guest without a login, bios and handles", async () => {
    const profiles = await db().authorProfile.findMany();
    expect(profiles.length).toBeGreaterThanOrEqual(5);
    const pseudonymous = profiles.filter((profile) => profile.isPseudonymous);
    expect(pseudonymous).toHaveLength(1);
    expect(pseudonymous[0].realName).toBeTruthy();
    expect(pseudonymous[0].realName).not.toBe(pseudonymous[0].displayName);
    expect(pseudonymous[0].xHandle).toMatch(/^[A-Za-z0-9_]{1,15}$/);
    expect(profiles.some((profile) => profile.userId === null)).toBe(true);
    expect(profiles.filter((profile) => !profile.isPseudonymous).every((profile) => profile.realName === null)).toBe(true);
    for (const profile of profiles) {
      expect(profile.bio.length).toBeGreaterThan(40);
      expect(profile.xHandle).toMatch(/^[A-Za-z0-9_]{1,15}$/);
    }
    expect(profiles.filter((profile) => profile.website).length).toBeGreaterThanOrEqual(2);
  });

  it("never lets the pen name's real name into anything a reader can see", async () => {
    const [pen] = await db().authorProfile.findMany({ where: { isPseudonymous: true } });
    const realName = pen.realName!;
    const surname = realName.split(" ").at(-1)!;
    const posts = await db().post.findMany({ select: { title: true, standfirst: true, bodyMarkdown: true, bodyHtml: true, excerpt: true } });
    const comments = await db().comment.findMany({ select: { authorName: true, body: true } });
    const profiles = await db().authorProfile.findMany({ select: { displayName: true, bio: true } });
    const users = await db().user.findMany({ select: { name: true } });
    const publicText = JSON.stringify([posts, comments, profiles, users]);
    expect(publicText).not.toContain(surname);
    const matches = await db().$queryRaw<{ slug: string }[]>`
      SELECT slug FROM "Post" WHERE "searchVector" @@ websearch_to_tsquery('english', ${surname})`;
    expect(matches).toEqual([]);
  });

  it("has three categories, one of them sponsored with a sponsor line and an example.org link", async () => {
    const categories = await db().category.findMany();
    expect(categories).toHaveLength(3);
    const sponsored = categories.filter((category) => category.sponsorName);
    expect(sponsored).toHaveLength(1);
    expect(sponsored[0].sponsorUrl).toMatch(/^https:\/\/[a-z.]*example\.org/);
    expect(sponsored[0].sponsorText).toContain(`${sponsored[0].name} posts are sponsored by ${sponsored[0].sponsorName}`);
  });

  it("has two series of five or more published posts numbered 1..n without gaps", async () => {
    const series = await db().series.findMany({
      include: { posts: { where: { status: "PUBLISHED" }, orderBy: { seriesPosition: "asc" }, select: { seriesPosition: true, publishedAt: true } } },
    });
    expect(series).toHaveLength(2);
    for (const one of series) {
      expect(one.posts.length, one.slug).toBeGreaterThanOrEqual(5);
      expect(one.posts.map((post) => post.seriesPosition)).toEqual(one.posts.map((_, i) => i + 1));
      const dates = one.posts.map((post) => post.publishedAt!.getTime());
      expect(dates).toEqual([...dates].sort((a, b) => a - b));
    }
  });

  it("schedules the next post of one series within the next 14 days, with a public teaser", async () => {
    const scheduled = await db().post.findMany({ where: { status: "SCHEDULED" }, include: { series: true } });
    expect(scheduled).toHaveLength(1);
    const [post] = scheduled;
    expect(post.series).not.toBeNull();
    expect(post.publishedAt).toBeNull();
    expect(post.scheduledFor!.getTime()).toBeGreaterThan(now.getTime());
    expect(post.scheduledFor!.getTime()).toBeLessThan(now.getTime() + 14 * DAY);
    expect(post.teaserShowsTitle).toBe(true);
    expect(post.teaserShowsAuthor).toBe(true);
    const lastPublished = await db().post.aggregate({
      where: { seriesId: post.seriesId, status: "PUBLISHED" },
      _max: { seriesPosition: true },
    });
    expect(post.seriesPosition).toBe((lastPublished._max.seriesPosition ?? 0) + 1);
  });

  it("has 14+ published posts over the past ten weeks, each rendered, with a standfirst and one revision", async () => {
    const published = await db().post.findMany({
      where: { status: "PUBLISHED" },
      include: { _count: { select: { revisions: true, authors: true, tags: true } } },
    });
    expect(published.length).toBeGreaterThanOrEqual(14);
    for (const post of published) {
      expect(post.publishedAt!.getTime(), post.slug).toBeLessThan(now.getTime());
      expect(post.publishedAt!.getTime(), post.slug).toBeGreaterThan(now.getTime() - 11 * 7 * DAY);
      expect(post.standfirst, post.slug).toBeTruthy();
      expect(post.bodyHtml, post.slug).toContain("<p>");
      expect(post.excerpt.length, post.slug).toBeGreaterThan(100);
      expect(post.readingMinutes, post.slug).toBeGreaterThanOrEqual(2);
      expect(post._count.revisions, post.slug).toBe(1);
      expect(post._count.authors, post.slug).toBeGreaterThanOrEqual(1);
      expect(post._count.tags, post.slug).toBeGreaterThanOrEqual(1);
      expect(post.categoryId, post.slug).not.toBeNull();
    }
    expect(await db().revision.count()).toBe(await db().post.count());
    const [{ missing }] = await db().$queryRaw<{ missing: bigint }[]>`
      SELECT count(*) AS missing FROM "Post" WHERE "searchVector" IS NULL`;
    expect(Number(missing)).toBe(0);
  });

  it("uses headings, lists, blockquotes, a table, footnotes, @handles and #hashtags across the bodies", async () => {
    const html = (await db().post.findMany({ where: { status: "PUBLISHED" }, select: { bodyHtml: true } }))
      .map((post) => post.bodyHtml)
      .join("\n");
    for (const feature of ["<h2 id=", "<ul>", "<ol>", "<blockquote>", "<table>", "data-footnote-ref", 'href="https://x.com/',
      'href="https://x.com/hashtag/', 'class="heading-anchor"']) {
      expect(html, feature).toContain(feature);
    }
  });

  it("has a post with two bylines in order", async () => {
    const coAuthored = await db().post.findMany({
      where: { authors: { some: { position: 1 } } },
      include: { authors: { orderBy: { position: "asc" }, include: { profile: true } } },
    });
    expect(coAuthored).toHaveLength(1);
    expect(coAuthored[0].authors.map((author) => author.position)).toEqual([0, 1]);
    expect(coAuthored[0].authors.map((author) => author.profile.slug)).toEqual(["hollis-grey", "tom-castell"]);
  });

  it("has a draft, a submitted post, one with changes requested and a note, and an unpublished one", async () => {
    for (const status of ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "UNPUBLISHED"] as const) {
      expect(await db().post.count({ where: { status } }), status).toBe(1);
    }
    const changes = await db().post.findFirstOrThrow({ where: { status: "CHANGES_REQUESTED" }, include: { notes: { include: { author: true } } } });
    expect(changes.notes).toHaveLength(1);
    expect(changes.notes[0].author?.role).toBe("EDITOR");
    const submitted = await db().post.findFirstOrThrow({ where: { status: "SUBMITTED" } });
    expect(submitted.submittedAt).not.toBeNull();
    const draft = await db().post.findFirstOrThrow({ where: { status: "DRAFT" } });
    expect(draft.seriesPosition).toBeNull();
  });

  it("has comments in every state, a 3-deep approved thread, reasons for held ones, hashed addresses", async () => {
    const comments = await db().comment.findMany();
    expect(new Set(comments.map((comment) => comment.status))).toEqual(new Set(["PENDING", "APPROVED", "SPAM", "TRASH"]));
    expect(new Set(comments.map((comment) => comment.postId)).size).toBeGreaterThanOrEqual(3);
    for (const comment of comments) {
      expect(comment.authorEmail).toMatch(/@example\.com$/);
      expect(comment.ipHash).toMatch(/^[0-9a-f]{64}$/);
      if (comment.status === "PENDING") expect(comment.heldReason).toBeTruthy();
    }
    const byId = new Map(comments.map((comment) => [comment.id, comment]));
    const depth = (id: string): number => {
      const parentId = byId.get(id)!.parentId;
      return parentId ? 1 + depth(parentId) : 1;
    };
    const deepest = comments.filter((comment) => comment.status === "APPROVED").map((comment) => depth(comment.id));
    expect(Math.max(...deepest)).toBe(3);
    const approvedChain = comments.find((comment) => depth(comment.id) === 3)!;
    expect(byId.get(approvedChain.parentId!)!.status).toBe("APPROVED");
    for (const comment of comments) {
      const post = await db().post.findUniqueOrThrow({ where: { id: comment.postId } });
      expect(comment.createdAt.getTime()).toBeGreaterThan(post.publishedAt!.getTime());
    }
  });

  it("closes comments on one published post", async () => {
    expect(await db().post.count({ where: { status: "PUBLISHED", commentsOpen: false } })).toBe(1);
  });

  it("has subscribers in every state, one choosing a series and a category", async () => {
    const subscribers = await db().subscriber.findMany({ include: { series: true, categories: true } });
    expect(new Set(subscribers.map((subscriber) => subscriber.status))).toEqual(
      new Set(["PENDING", "ACTIVE", "PAUSED", "UNSUBSCRIBED"]),
    );
    const choosy = subscribers.filter((subscriber) => !subscriber.allPosts);
    expect(choosy).toHaveLength(1);
    expect(choosy[0].status).toBe("ACTIVE");
    expect(choosy[0].series).toHaveLength(1);
    expect(choosy[0].categories).toHaveLength(1);
    for (const subscriber of subscribers) {
      expect(subscriber.email).toMatch(/@example\.com$/);
      expect(subscriber.confirmedAt === null).toBe(subscriber.status === "PENDING");
    }
    expect(subscribers.find((subscriber) => subscriber.status === "UNSUBSCRIBED")?.unsubscribedAt).not.toBeNull();
  });

  it("has six or more tags and redirects from a legacy path and an older slug", async () => {
    expect(await db().tag.count()).toBeGreaterThanOrEqual(6);
    const redirects = await db().redirect.findMany();
    expect(redirects.some((redirect) => /^\/\d{4}\/\d{2}\/.+\/$/.test(redirect.fromPath))).toBe(true);
    expect(redirects.some((redirect) => redirect.fromPath.startsWith("/posts/"))).toBe(true);
    for (const redirect of redirects) {
      expect(redirect.targetType).toBe("POST");
      const post = await db().post.findUniqueOrThrow({ where: { id: redirect.targetId } });
      expect(post.status).toBe("PUBLISHED");
      expect(redirect.fromPath).not.toBe(`/posts/${post.slug}`);
    }
  });

  it("makes the posts searchable with English stemming", async () => {
    const search = (query: string) => db().$queryRaw<{ slug: string }[]>`
      SELECT slug FROM "Post" WHERE "searchVector" @@ websearch_to_tsquery('english', ${query})`;
    expect((await search("probation officers")).length).toBeGreaterThan(0);
    expect((await search("Hollis Grey")).length).toBeGreaterThanOrEqual(6);
    expect((await search("magistrate")).map((row) => row.slug)).toContain("why-i-speak-up-a-magistrate-in-public");
  });
});

describe("the demo site's pages and footer", () => {
  it("publishes an About and a Write for us page, linked from the footer menu, and fills the site's description", async () => {
    const pages = await db().page.findMany({ orderBy: { slug: "asc" }, select: { slug: true, status: true, bodyHtml: true, _count: { select: { revisions: true } } } });
    expect(pages.map((page) => [page.slug, page.status, page._count.revisions])).toEqual([
      ["about", "PUBLISHED", 1],
      ["write-for-us", "PUBLISHED", 1],
    ]);
    for (const page of pages) expect(page.bodyHtml).toMatch(/^<p>/);
    const links = await getMenuLinks("footer");
    expect(links.slice(0, 2)).toEqual([
      { label: "About", href: "/about", external: false },
      { label: "Write for us", href: "/write-for-us", external: false },
    ]);
    expect((await readSiteSettings()).footerText).toBe(demoSiteSettings.footerText);
  });

  it("leaves a footer menu and settings someone already saved alone", async () => {
    const saved = await db().setting.findMany({ where: { key: { in: ["menu:footer", "site"] } } });
    await db().setting.update({ where: { key: "menu:footer" }, data: { value: { items: [{ id: "mine", label: "Mine", link: { kind: "url", url: "/mine" } }] } } });
    await db().setting.update({ where: { key: "site" }, data: { value: { footerText: "Our own words." } } });
    await db().setting.delete({ where: { key: DEMO_CONTENT_SETTING_KEY } });
    expect(await loadDemoContent(now)).toEqual({ loaded: true });
    expect((await getMenuLinks("footer")).map((link) => link.label)).toEqual(["Mine"]);
    expect((await readSiteSettings()).footerText).toBe("Our own words.");
    for (const setting of saved) await db().setting.update({ where: { key: setting.key }, data: { value: setting.value ?? {} } });
  });
});

describe("the demo content is original", () => {
  // A few distinctive phrases from the pages of the site Docket replaces: none may appear.
  const seedPhrases = [
    "masked avenger",
    "Public Enemies",
    "shadow4aday",
    "Tweet from the Beat",
    "Sweet Tweets",
    "slingshot",
    "Philistines",
    "Keep up-to-date with drugs and crime",
    "Chief Probation Officer for a day",
    "Bruce Springsteen",
  ];

  it.each(seedPhrases)("does not contain “%s”", (phrase) => {
    const text = JSON.stringify([demoPosts, demoPages, demoSiteSettings]).toLowerCase();
    expect(text).not.toContain(phrase.toLowerCase());
  });

  it("keeps the same text in the database as in the source", async () => {
    const stored = await db().post.findMany({ select: { slug: true, bodyMarkdown: true } });
    const bySlug = new Map(stored.map((post) => [post.slug, post.bodyMarkdown]));
    for (const post of demoPosts) expect(bySlug.get(post.slug), post.slug).toBe(post.body);
  });
});
