// Docket → WXR → Docket: the demo site exported as a WordPress export and imported into an empty database
// keeps its posts, pages, comments (threads and states), bylines (in order) and series order. And the export itself
// keeps a pen name's real name out, and email addresses unless asked.
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AUTHOR_EMAIL } from "@/features/demo-content/content";
import { loadDemoContent } from "@/features/demo-content/mutations";
import { createDraftPage, markPagePublished, savePageRevision } from "@/features/pages/mutations";
import { DEFAULT_IMPORT_OPTIONS, importWordPressFile } from "@/features/wordpress/import/import";
import { writeDocketWxrFile } from "@/features/wordpress/export/docket-wxr";
import { readWxrFile } from "@/features/wordpress/wxr/reader";
import type { WxrRecord } from "@/features/wordpress/wxr/types";
import { renderCommentMarkdown } from "@/lib/markdown";
import { db } from "@/lib/db";
import { switchToNewDatabase } from "../helpers/database";
import { useTestSettings } from "./editorial-fixtures";

const text = (html: string) => html.replace(/<[^>]*>/g, " ").replace(/&[a-z#0-9]+;/gi, " ").replace(/\s+/g, " ").trim();

/** What must survive the round trip, keyed by slug. */
async function snapshot() {
  const posts = await db().post.findMany({
    orderBy: { slug: "asc" },
    select: {
      slug: true,
      title: true,
      status: true,
      publishedAt: true,
      scheduledFor: true,
      standfirst: true,
      bodyHtml: true,
      commentsOpen: true,
      seriesPosition: true,
      series: { select: { slug: true } },
      category: { select: { slug: true } },
      tags: { select: { tag: { select: { slug: true } } } },
      authors: { orderBy: { position: "asc" }, select: { profile: { select: { displayName: true } } } },
      comments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, parentId: true, authorName: true, body: true, status: true, createdAt: true } },
    },
  });
  // A series' order: its posts by number, an unnumbered one after them by date (the import numbers it so).
  const seriesOrder = (slug: string) =>
    posts
      .filter((post) => post.series?.slug === slug)
      .sort((a, b) => (a.seriesPosition ?? Infinity) - (b.seriesPosition ?? Infinity) || (a.publishedAt?.getTime() ?? 0) - (b.publishedAt?.getTime() ?? 0))
      .map((post) => post.slug);
  return posts.map((post) => {
    const byId = new Map(post.comments.map((comment) => [comment.id, comment]));
    return {
      slug: post.slug,
      title: post.title,
      // Docket's states WordPress has no word for come back as drafts.
      status: post.status === "CHANGES_REQUESTED" || post.status === "UNPUBLISHED" ? "DRAFT" : post.status,
      publishedAt: post.status === "PUBLISHED" ? post.publishedAt?.toISOString() : null,
      scheduledFor: post.scheduledFor?.toISOString() ?? null,
      standfirst: post.standfirst,
      text: text(post.bodyHtml),
      commentsOpen: post.commentsOpen,
      series: post.series?.slug ?? null,
      placeInSeries: post.series ? seriesOrder(post.series.slug).indexOf(post.slug) + 1 : null,
      category: post.category?.slug ?? null,
      tags: post.tags.map(({ tag }) => tag.slug).sort(),
      bylines: post.authors.map(({ profile }) => profile.displayName),
      comments: post.comments.map((comment) => ({
        author: comment.authorName,
        text: text(renderCommentMarkdown(comment.body)),
        status: comment.status,
        createdAt: comment.createdAt.toISOString(),
        answers: comment.parentId ? byId.get(comment.parentId)!.authorName : null,
      })),
    };
  });
}

/** The pages that must survive the round trip, keyed by slug. */
async function pageSnapshot() {
  const pages = await db().page.findMany({ orderBy: { slug: "asc" }, select: { slug: true, title: true, description: true, status: true, publishedAt: true, bodyHtml: true } });
  return pages.map((page) => ({
    slug: page.slug,
    title: page.title,
    description: page.description,
    // WordPress has no word for unpublished: it comes back as a draft.
    status: page.status === "UNPUBLISHED" ? "DRAFT" : page.status,
    publishedAt: page.status === "PUBLISHED" ? page.publishedAt?.toISOString() : null,
    text: text(page.bodyHtml),
  }));
}

let exported: string;
let original: Awaited<ReturnType<typeof snapshot>>;
let originalPages: Awaited<ReturnType<typeof pageSnapshot>>;

beforeAll(async () => {
  await useTestSettings();
  await switchToNewDatabase("wptrip");
  await loadDemoContent(new Date("2026-06-01T09:00:00Z"));
  // A post with two bylines, the second a pen name.
  const post = await db().post.findFirstOrThrow({ where: { status: "PUBLISHED", authors: { none: { profile: { slug: "hollis-grey" } } } }, select: { id: true } });
  const penName = await db().authorProfile.findUniqueOrThrow({ where: { slug: "hollis-grey" }, select: { id: true } });
  await db().postAuthor.create({ data: { postId: post.id, profileId: penName.id, position: 1 } });
  // A published page (with a heading, a list and a link to a post) and a draft one, saved as the pages feature saves them.
  const editor = await db().user.create({ data: { email: "pages-editor@docket.example", role: "EDITOR" }, select: { id: true } });
  for (const [slug, title, body, published] of [
    ["about-the-project", "About the project", "We write about the courts.\n\n## Who we are\n\n- reporters\n- former magistrates\n\nStart with [the latest post](/).", true],
    ["house-style", "House style", "Short sentences. Plain words.", false],
  ] as const) {
    const page = await createDraftPage({ title, userId: editor.id });
    await savePageRevision({ pageId: page.id, slug, title, description: published ? "Who writes here, and why." : "", bodyMarkdown: body }, editor.id, null);
    if (published) await markPagePublished(page.id, new Date("2026-05-20T08:00:00Z"));
  }
  original = await snapshot();
  originalPages = await pageSnapshot();
  exported = path.join(await mkdtemp(path.join(os.tmpdir(), "docket-wxr-export-")), "site.xml");
  await writeDocketWxrFile(exported);
});

afterAll(async () => {
  await db().$disconnect();
});

describe("the WXR export", () => {
  it("is a WXR 1.2 file the reader reads whole, with every post and comment", async () => {
    const records: WxrRecord[] = [];
    for await (const record of readWxrFile(exported)) records.push(record);
    const end = records.at(-1)!;
    expect(end.kind).toBe("end");
    expect(records.filter((record) => record.kind === "problem")).toEqual([]);
    const posts = records.filter((record) => record.kind === "item" && record.postType === "post");
    expect(posts).toHaveLength(original.length);
    const pages = records.flatMap((record) => (record.kind === "item" && record.postType === "page" ? [record] : []));
    expect(pages.map((page) => [page.postName, page.status, page.title]).sort()).toEqual(originalPages.map((page) => [page.slug, page.status === "PUBLISHED" ? "publish" : "draft", page.title]).sort());
    expect(pages.map((page) => page.postName)).toEqual(expect.arrayContaining(["about-the-project", "house-style"]));
    const about = pages.find((page) => page.postName === "about-the-project")!;
    expect(about.content).toContain("<h2");
    expect(about.link).toMatch(/\/about-the-project$/);
    expect(records.find((record) => record.kind === "site")).toMatchObject({ wxrVersion: "1.2" });
  });

  it("never holds a pen name's real name, nor any email address unless asked", async () => {
    const file = await readFile(exported, "utf8");
    expect(file).toContain("Hollis Grey");
    expect(file).not.toContain("Daniel Whitcombe");
    expect(file).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);

    const withEmails = path.join(path.dirname(exported), "with-emails.xml");
    await writeDocketWxrFile(withEmails, { includeEmails: true });
    const full = await readFile(withEmails, "utf8");
    expect(full).toMatch(/<wp:comment_author_email><!\[CDATA\[[^\]]+@/);
    // A pen name's login could name the person: its address stays out even then.
    expect(full).not.toContain(DEMO_AUTHOR_EMAIL);
    expect(full).not.toContain("Daniel Whitcombe");
  });

  it("writes series as a taxonomy with part numbers, and several bylines as Co-Authors Plus terms", async () => {
    const records: WxrRecord[] = [];
    for await (const record of readWxrFile(exported)) records.push(record);
    const seriesPost = await db().post.findFirstOrThrow({ where: { seriesPosition: { not: null } }, select: { slug: true, seriesPosition: true, series: { select: { slug: true } } } });
    const item = records.find((record) => record.kind === "item" && record.postName === seriesPost.slug);
    if (item?.kind !== "item") throw new Error("the series post is not in the export");
    expect(item.terms).toContainEqual({ domain: "series", nicename: seriesPost.series!.slug, name: expect.any(String) });
    expect(item.meta).toContainEqual({ key: "_series_part", value: String(seriesPost.seriesPosition) });

    const shared = await db().post.findFirstOrThrow({ where: { authors: { some: { position: 1 } } }, select: { slug: true, authors: { orderBy: { position: "asc" }, select: { profile: { select: { slug: true } } } } } });
    const coAuthored = records.find((record) => record.kind === "item" && record.postName === shared.slug);
    if (coAuthored?.kind !== "item") throw new Error("the co-authored post is not in the export");
    expect(coAuthored.terms.filter((term) => term.domain === "author").map((term) => term.name)).toEqual(shared.authors.map(({ profile }) => profile.slug));
  });
});

describe("Docket → WXR → Docket", () => {
  it("keeps posts, pages, comments, bylines and series order", async () => {
    await switchToNewDatabase("wptrip");
    const report = await importWordPressFile(exported, DEFAULT_IMPORT_OPTIONS);
    expect(report.counts.posts.imported).toBe(original.length);
    expect(report.counts.pages.imported).toBe(originalPages.length);
    const restored = await snapshot();
    expect(restored).toEqual(original);
    expect(await pageSnapshot()).toEqual(originalPages);
  });
});
