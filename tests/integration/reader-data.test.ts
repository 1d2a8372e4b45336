import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase as openTestDatabase } from "../helpers/database";
import { createPost, createReaderFixtures, SECRET_EMAIL, SECRET_REAL_NAME } from "./reader-fixtures";
import {
  getPublishedPost,
  getSeriesContext,
  listFeedPosts,
  listLatestPosts,
  listRecentPostSlugs,
  listSitemapPosts,
} from "@/features/posts/data";
import { getPublicSeries, listPublicSeries, listSeriesPosts } from "@/features/series/data";
import { getPublicCategory, listCategoryPosts, listPublicCategories } from "@/features/categories/data";
import { getPublicTag, listPublicTags, listTagPosts } from "@/features/tags/data";
import { getPublicAuthor, listAuthorPosts, listPublicAuthors } from "@/features/authors/data";
import { getCommentsOpen, getThreadSettings, listApprovedComments, nestComments } from "@/features/comments/data";
import { searchPosts } from "@/features/search/data";
import { findRedirect } from "@/features/redirects/data";
import { db } from "@/lib/db";

let fixtures: Awaited<ReturnType<typeof createReaderFixtures>>;

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

beforeAll(async () => {
  await openTestDatabaseWhenTemplateFree();
  fixtures = await createReaderFixtures();
});

const HIDDEN_SLUGS = ["tweet-withdrawn", "tweet-scheduled", "tweet-far-future", "hidden-draft", "hidden-submitted", "hidden-changes_requested", "hidden-unpublished"];

function expectNoLeaks(value: unknown) {
  const text = JSON.stringify(value);
  for (const slug of HIDDEN_SLUGS) expect(text).not.toContain(slug);
  expect(text).not.toContain("Secret scheduled title");
  expect(text).not.toContain("Scheduled body never shown");
  expect(text).not.toContain(SECRET_REAL_NAME);
  expect(text).not.toContain(SECRET_EMAIL);
  expect(text).not.toContain("hash-secret");
  expect(text).not.toMatch(/Hidden (DRAFT|SUBMITTED|CHANGES_REQUESTED|UNPUBLISHED)/);
}

describe("post lists", () => {
  it("lists only published posts, newest first, with bylines in order and approved comment counts", async () => {
    const page = await listLatestPosts();
    expect(page.posts.map((post) => post.slug)).toEqual([
      "tweet-five",
      "courts-opinion",
      "tweet-three",
      "tweet-two",
      "tweet-one",
      "lonely-post",
    ]);
    expect(page.total).toBe(6);
    expect(page.totalPages).toBe(1);
    const two = page.posts.find((post) => post.slug === "tweet-two")!;
    expect(two.authors.map((author) => author.displayName)).toEqual(["Bob Brown", "Alice Adams"]);
    expect(page.posts.find((post) => post.slug === "tweet-three")!.commentCount).toBe(2);
    expectNoLeaks(page);
  });

  it("paginates ten to a page", async () => {
    for (let index = 0; index < 6; index += 1) {
      await createPost({ slug: `filler-${index}`, title: `Filler ${index}`, status: "PUBLISHED", daysAgo: 100 + index, authorIds: [fixtures.bob.id] });
    }
    const first = await listLatestPosts(1);
    const second = await listLatestPosts(2);
    expect(first.posts).toHaveLength(10);
    expect(second.posts.map((post) => post.slug)).toEqual(["filler-4", "filler-5"]);
    expect(second.totalPages).toBe(2);
    await db().post.deleteMany({ where: { slug: { startsWith: "filler-" } } });
  });

  it("prerenders only published slugs", async () => {
    const slugs = await listRecentPostSlugs();
    expect(slugs).toContain("tweet-three");
    expectNoLeaks(slugs);
  });
});

describe("the post page", () => {
  it("returns a published post with ordered public bylines, category with sponsor, series and tags", async () => {
    const post = await getPublishedPost("tweet-two");
    expect(post).not.toBeNull();
    expect(post!.authors.map((author) => author.slug)).toEqual(["bob-brown", "alice-adams"]);
    expect(post!.category).toMatchObject({ slug: "probation", sponsor: { name: "Acme Trust", url: "https://acme.example", line: "Probation posts sponsored by Acme Trust." } });
    expect(post!.series).toMatchObject({ slug: "why-i-tweet", title: "Why I tweet" });
    expect(post!.publishedAt).toBeInstanceOf(Date);
  });

  it("never returns a post that is not published", async () => {
    for (const slug of HIDDEN_SLUGS) expect(await getPublishedPost(slug)).toBeNull();
  });

  it("shows a pseudonymous author by pen name only", async () => {
    const post = await getPublishedPost("tweet-three");
    expect(post!.authors).toEqual([
      { slug: "the-custody-sergeant", displayName: "The Custody Sergeant", avatarUrl: null, xHandle: null, website: null },
    ]);
    expectNoLeaks(post);
  });

  it("numbers series posts by position among published posts and teases only the public fields of a post due within 14 days", async () => {
    const context = await getSeriesContext(fixtures.series.id);
    expect((await getPublishedPost("tweet-three"))!.seriesContext).toEqual(context);
    expect(context.published.map((entry) => [entry.number, entry.slug])).toEqual([
      [1, "tweet-one"],
      [2, "tweet-two"],
      [3, "tweet-three"],
      [4, "tweet-five"],
    ]);
    expect(context.teaser).toEqual({ title: null, authorName: "Bob Brown", scheduledFor: expect.any(Date) });
    expectNoLeaks(context);
  });

  it("has no teaser when nothing is scheduled in the next 14 days", async () => {
    const context = await getSeriesContext(fixtures.quiet.id);
    expect((await getPublishedPost("courts-opinion"))!.seriesContext).toBeNull();
    expect(context.published.map((entry) => entry.slug)).toEqual(["lonely-post"]);
    expect(context.teaser).toBeNull();
  });

  it("teases the title when the editor made it public, never the author when not", async () => {
    await db().post.update({ where: { id: fixtures.scheduled.id }, data: { teaserShowsTitle: true, teaserShowsAuthor: false } });
    const context = await getSeriesContext(fixtures.series.id);
    expect(context.teaser).toMatchObject({ title: "Secret scheduled title", authorName: null });
    await db().post.update({ where: { id: fixtures.scheduled.id }, data: { teaserShowsTitle: false, teaserShowsAuthor: true } });
  });

  it("relates posts from the same series first, then category and shared tags, three at most", async () => {
    const related = (await getPublishedPost("tweet-five"))!.related;
    expect(related).toHaveLength(3);
    expect(related.map((post) => post.slug)).toEqual(["tweet-three", "tweet-two", "tweet-one"]);
    expect(related[0].publishedAt).toBeInstanceOf(Date);
    const forOpinion = (await getPublishedPost("courts-opinion"))!.related;
    expect(forOpinion.map((post) => post.slug)).toEqual(["tweet-five", "tweet-three"]);
    expectNoLeaks(forOpinion);
  });

  it("shows approved comments only, nested, without email or IP hash", async () => {
    const comments = await listApprovedComments(fixtures.s3.id);
    expect(comments.map((comment) => comment.authorName)).toEqual(["Carol", "Dan"]);
    const thread = nestComments(comments);
    expect(thread).toHaveLength(1);
    expect(thread[0].replies.map((reply) => reply.authorName)).toEqual(["Dan"]);
    expect(Object.keys(comments[0]).sort()).toEqual(["authorName", "authorUrl", "body", "createdAt", "id", "parentId"]);
    expectNoLeaks(comments);
  });

  it("finds the post an old URL points to, only while it is published", async () => {
    expect(await findRedirect("/2013/04/tweet-three-old/")).toBe("/posts/tweet-three");
    expect(await findRedirect("/posts/tweet-3")).toBe("/posts/tweet-three");
    expect(await findRedirect("/2013/04/unknown/")).toBeNull();
  });
});

describe("series, categories, tags and authors", () => {
  it("lists a series' published posts in order with numbers", async () => {
    const series = await getPublicSeries("why-i-tweet");
    expect(series?.title).toBe("Why I tweet");
    const posts = await listSeriesPosts(series!.id);
    expect(posts.map((post) => [post.number, post.slug])).toEqual([
      [1, "tweet-one"],
      [2, "tweet-two"],
      [3, "tweet-three"],
      [4, "tweet-five"],
    ]);
    const all = await listPublicSeries();
    expect(all.map((entry) => [entry.slug, entry.postCount])).toEqual([
      ["quiet-series", 1],
      ["why-i-tweet", 4],
    ]);
    expectNoLeaks(all);
  });

  it("serves category, tag and author pages with only published posts", async () => {
    const category = await getPublicCategory("opinion");
    expect(category?.name).toBe("Opinion");
    const categoryPosts = await listCategoryPosts(category!.id);
    expect(categoryPosts.posts.map((post) => post.slug)).toEqual(["courts-opinion"]);
    expect((await listPublicCategories()).map((entry) => entry.name)).toEqual(["On Probation", "Opinion"]);

    const tag = await getPublicTag("courts");
    expect((await listTagPosts(tag!.id)).posts.map((post) => post.slug)).toEqual(["tweet-five", "courts-opinion", "tweet-three"]);
    expect(await getPublicTag("hidden-tag")).toBeNull();
    expect((await listPublicTags()).map((entry) => entry.slug)).toEqual(["courts", "prisons"]);

    const alice = await getPublicAuthor("alice-adams");
    expect(alice).toMatchObject({ displayName: "Alice Adams", xHandle: "aliceadams", bio: "Probation officer." });
    expect((await listAuthorPosts(alice!.id)).posts.map((post) => post.slug)).toEqual(["tweet-five", "tweet-two", "tweet-one"]);
    expect(await getPublicAuthor("draft-only")).toBeNull();
  });

  it("never reveals a pseudonymous author's real name", async () => {
    const author = await getPublicAuthor("the-custody-sergeant");
    expect(author?.displayName).toBe("The Custody Sergeant");
    expect(Object.keys(author!)).not.toContain("realName");
    expectNoLeaks(author);
    expectNoLeaks(await listPublicAuthors());
    expectNoLeaks(await listAuthorPosts(author!.id));
  });
});

describe("feeds and sitemap", () => {
  it("feeds carry published posts only, scoped by series, category or author", async () => {
    const site = await listFeedPosts({ kind: "site" });
    expect(site.map((post) => post.slug)).toHaveLength(6);
    expect(site[0].bodyHtml).toContain("<p>");
    expectNoLeaks(site);
    expect((await listFeedPosts({ kind: "series", slug: "why-i-tweet" })).map((post) => post.slug)).toEqual([
      "tweet-five",
      "tweet-three",
      "tweet-two",
      "tweet-one",
    ]);
    expect((await listFeedPosts({ kind: "category", slug: "opinion" })).map((post) => post.slug)).toEqual(["courts-opinion"]);
    expect((await listFeedPosts({ kind: "author", slug: "draft-only" }))).toEqual([]);
    expectNoLeaks(await listFeedPosts({ kind: "author", slug: "the-custody-sergeant" }));
  });

  it("the sitemap lists published posts only", async () => {
    const entries = await listSitemapPosts();
    expect(entries).toHaveLength(6);
    expectNoLeaks(entries);
  });
});

describe("search", () => {
  it("ranks published posts by English stems and highlights matches", async () => {
    const results = await searchPosts("magistrate courtroom");
    expect(results.hits.map((hit) => hit.slug)).toEqual(["courts-opinion"]);
    expect(results.hits[0].snippet).toContain("\uE000Magistrates\uE001");
    expectNoLeaks(results);
  });

  it("finds posts by author name and title, with title matches ranked first", async () => {
    const byAuthor = await searchPosts("Tweet");
    expect(byAuthor.hits[0].title).toMatch(/Tweet/);
    expectNoLeaks(byAuthor);
  });

  it("answers empty, stop-word-only and absurd queries with no results rather than an error", async () => {
    expect((await searchPosts("")).total).toBe(0);
    expect((await searchPosts("the and of")).total).toBe(0);
    expect((await searchPosts('"unclosed -( OR OR ::: <script>')).total).toBe(0);
    expect((await searchPosts("x".repeat(5000))).total).toBe(0);
  });
});

/** The SQL statements `work` sends, counted at the pg driver under Prisma's adapter. */
async function countQueries(work: () => Promise<unknown>): Promise<string[]> {
  const original = pg.Client.prototype.query;
  const statements: string[] = [];
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config] = args;
    const text = typeof config === "string" ? config : ((config as { text?: string })?.text ?? "");
    if (!/^\s*(BEGIN|COMMIT|ROLLBACK|SET|DEALLOCATE)/i.test(text)) statements.push(text);
    return (original as (...inner: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return statements;
}

describe("query budget", () => {
  it("reads everything the post page shows, uncached, in at most four queries", async () => {
    let post: Awaited<ReturnType<typeof getPublishedPost>> = null;
    let comments: Awaited<ReturnType<typeof listApprovedComments>> = [];
    const statements = await countQueries(async () => {
      // What the post page reads: the post, its approved comments, and the comment thread's own reads.
      post = await getPublishedPost("tweet-three");
      comments = await listApprovedComments(post!.id);
      await Promise.all([getThreadSettings(), getCommentsOpen(post!.id)]);
    });
    expect(post!.title).toBe("Tweet three");
    expect(post!.seriesContext?.published).toHaveLength(4);
    expect(post!.related).toHaveLength(3);
    expect(comments).toHaveLength(2);
    expect(statements.length, statements.join("\n---\n")).toBeLessThanOrEqual(4);
  });
});
