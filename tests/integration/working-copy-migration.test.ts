// The working-copy migration carries a site made before it: data written at the previous schema
// (published posts whose text is their latest revision's, one with no revision, one whose text had
// moved on from its revisions, drafts, pages), then the migration, then the same reader pages' data,
// byte for byte, every published post and page pointing at a revision that holds exactly what it shows.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { migrationsDir } from "@/lib/schema-engine";
import { getPublishedPost, listFeedPosts, listLatestPosts, listSitemapPosts } from "@/features/posts/data";
import { getPublishedPage } from "@/features/pages/data";
import { searchPosts } from "@/features/search/data";
import { renderPostMarkdown } from "@/lib/markdown";
import { createEmptyDatabase } from "../helpers/database";

let client: pg.Client;
let migrations: string[];
let workingCopy: number;

/** Points db() at `url`, as the app would at start-up. */
async function useDatabase(url: string) {
  const globals = globalThis as { docketPrisma?: { $disconnect(): Promise<void> } };
  await globals.docketPrisma?.$disconnect();
  delete globals.docketPrisma;
  process.env.DATABASE_URL = url;
}

const sql = async (name: string) => client.query(await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8"));

/** A post row written as the code before this migration wrote it (rendered when saved). */
async function insertPost(id: string, fields: { slug: string; title: string; body: string; status: string; standfirst?: string; publishedAt?: string; category?: string }) {
  const rendered = renderPostMarkdown(fields.body);
  await client.query(
    `INSERT INTO "Post" (id, slug, title, standfirst, "bodyMarkdown", "bodyHtml", excerpt, "readingMinutes", status, "publishedAt", "categoryId", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::"PostStatus", $10, $11, '2026-01-01T09:00:00Z', '2026-01-05T09:00:00Z')`,
    [id, fields.slug, fields.title, fields.standfirst ?? null, fields.body, rendered.html, rendered.excerpt, rendered.readingMinutes, fields.status, fields.publishedAt ?? null, fields.category ?? null],
  );
  await client.query(`INSERT INTO "PostAuthor" ("postId", "profileId", position) VALUES ($1, 'profile-a', 0), ($1, 'profile-b', 1)`, [id]);
}

const revision = (id: string, postId: string, title: string, body: string, at: string) =>
  client.query(`INSERT INTO "Revision" (id, "postId", title, "bodyMarkdown", "authorId", "createdAt") VALUES ($1, $2, $3, $4, 'user-1', $5)`, [id, postId, title, body, at]);

/** Everything reader pages show of the seeded site, as text. */
async function readerViews(): Promise<string> {
  const slugs = ["matched", "never-revised", "moved-on"];
  return JSON.stringify({
    posts: await Promise.all(slugs.map((slug) => getPublishedPost(slug))),
    feed: await listFeedPosts({ kind: "site" }),
    categoryFeed: await listFeedPosts({ kind: "category", slug: "courts" }),
    home: await listLatestPosts(),
    sitemap: await listSitemapPosts(),
    search: await searchPosts("probation"),
    page: await getPublishedPage("about"),
  });
}

const storedRows = async () =>
  (await client.query(`SELECT p.*, p."searchVector"::text AS "searchVector" FROM "Post" p ORDER BY id`)).rows.map((row) => ({ ...row, liveRevisionId: undefined }));

beforeAll(async () => {
  const url = await createEmptyDatabase();
  client = new pg.Client({ connectionString: url });
  await client.connect();
  migrations = (await readdir(migrationsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  workingCopy = migrations.findIndex((name) => name.endsWith("_working_copy"));
  // The schema before the working copy, plus what later migrations add beside it (empty tables and
  // columns that today's reader queries read, such as legal holds): the working copy's migration is then
  // the only change between the two readings.
  for (const name of migrations.filter((_, index) => index !== workingCopy)) await sql(name);

  await client.query(`INSERT INTO "User" (id, email, role, "updatedAt") VALUES ('user-1', 'writer@docket.test', 'AUTHOR', now())`);
  await client.query(`INSERT INTO "AuthorProfile" (id, slug, "displayName", "isPseudonymous", "realName", "updatedAt") VALUES ('profile-a', 'ash', 'Ash', false, null, now()), ('profile-b', 'pen-name', 'Pen Name', true, 'Real Name', now())`);
  await client.query(`INSERT INTO "Category" (id, slug, name) VALUES ('category-1', 'courts', 'Courts')`);
  await client.query(`INSERT INTO "Tag" (id, slug, name) VALUES ('tag-1', 'probation', 'Probation'), ('tag-2', 'prisons', 'Prisons')`);

  // Published, its text its latest revision's (the usual case).
  await insertPost("post-1", { slug: "matched", title: "Matched", standfirst: "A guest's introduction.", body: "On **probation** today.\n\n| A | B |\n| - | - |\n| 1 | 2 |", status: "PUBLISHED", publishedAt: "2026-01-03T09:00:00Z", category: "category-1" });
  await client.query(`INSERT INTO "PostTag" ("postId", "tagId") VALUES ('post-1', 'tag-1'), ('post-1', 'tag-2')`);
  await revision("rev-1a", "post-1", "Matched (first draft)", "On probation.", "2026-01-01T10:00:00Z");
  await client.query(`UPDATE "Revision" SET standfirst = 'A guest''s introduction.' WHERE id = 'rev-1a'`);
  await client.query(`INSERT INTO "Revision" (id, "postId", title, standfirst, "bodyMarkdown", "authorId", "createdAt") VALUES ('rev-1b', 'post-1', 'Matched', 'A guest''s introduction.', $1, 'user-1', '2026-01-02T10:00:00Z')`, [
    "On **probation** today.\n\n| A | B |\n| - | - |\n| 1 | 2 |",
  ]);
  // Published by an import that kept no revision.
  await insertPost("post-2", { slug: "never-revised", title: "Never revised", body: "Imported about probation.", status: "PUBLISHED", publishedAt: "2026-01-04T09:00:00Z" });
  // Published, its text changed since its last revision.
  await insertPost("post-3", { slug: "moved-on", title: "Moved on", body: "The text readers have, on probation.", status: "PUBLISHED", publishedAt: "2026-01-02T09:00:00Z" });
  await revision("rev-3a", "post-3", "Moved on", "An older text.", "2026-01-01T11:00:00Z");
  // A draft.
  await insertPost("post-4", { slug: "a-draft", title: "A draft", body: "Not yet.", status: "DRAFT" });
  await revision("rev-4a", "post-4", "A draft", "Not yet.", "2026-01-01T12:00:00Z");

  const about = renderPostMarkdown("Who we are.");
  await client.query(
    `INSERT INTO "Page" (id, slug, title, description, "bodyMarkdown", "bodyHtml", excerpt, status, "publishedAt", "updatedAt") VALUES ('page-1', 'about', 'About', 'The site', 'Who we are.', $1, $2, 'PUBLISHED', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')`,
    [about.html, about.excerpt],
  );
  await client.query(`INSERT INTO "PageRevision" (id, "pageId", title, description, "bodyMarkdown", "createdAt") VALUES ('page-rev-1', 'page-1', 'About', 'The site', 'Who we are.', '2026-01-01T09:00:00Z')`);
  await client.query(`UPDATE "Post" p SET "searchVector" = to_tsvector('english', p.title || ' ' || p."bodyMarkdown")`);
  await useDatabase(url);
});

afterAll(async () => {
  await client?.end();
  if (process.env.DATABASE_URL) await db().$disconnect();
});

describe("the working-copy migration", () => {
  it("leaves every reader page's data byte for byte as it was, and records each published post's live revision", async () => {
    const before = await readerViews();
    const rowsBefore = await storedRows();
    expect(before).toContain("On <strong>probation</strong> today.");
    await sql(migrations[workingCopy]);
    await useDatabase(process.env.DATABASE_URL!);

    expect(await readerViews()).toBe(before);
    expect(await storedRows()).toEqual(rowsBefore);

    const posts = await db().post.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, liveRevisionId: true, title: true, standfirst: true, bodyMarkdown: true, slug: true, categoryId: true, commentsOpen: true } });
    const revisions = await db().revision.findMany({ orderBy: [{ postId: "asc" }, { number: "asc" }] });
    const latestOf = (postId: string) => revisions.filter((candidate) => candidate.postId === postId).at(-1)!;
    for (const post of posts) {
      const latest = latestOf(post.id);
      // The latest revision of every post holds exactly what the post shows…
      expect({ title: latest.title, standfirst: latest.standfirst, bodyMarkdown: latest.bodyMarkdown, slug: latest.slug, categoryId: latest.categoryId, commentsOpen: latest.commentsOpen }).toEqual({
        title: post.title,
        standfirst: post.standfirst,
        bodyMarkdown: post.bodyMarkdown,
        slug: post.slug,
        categoryId: post.categoryId,
        commentsOpen: post.commentsOpen,
      });
      expect(latest.authorProfileIds).toEqual(["profile-a", "profile-b"]);
      // …and is what readers get of a published one.
      expect(post.liveRevisionId).toBe(post.status === "PUBLISHED" ? latest.id : null);
    }
    expect(revisions.map((row) => [row.postId, row.id.startsWith("rev-") ? row.id : "added", row.number])).toEqual([
      ["post-1", "rev-1a", 1],
      ["post-1", "rev-1b", 2],
      ["post-2", "added", 1],
      ["post-3", "rev-3a", 1],
      ["post-3", "added", 2],
      ["post-4", "rev-4a", 1],
    ]);
    expect(latestOf("post-1")).toMatchObject({ id: "rev-1b", tagIds: ["tag-1", "tag-2"] });
    // Older revisions keep their own text, with the post's metadata (the only metadata ever recorded).
    expect(revisions.find((row) => row.id === "rev-1a")).toMatchObject({ title: "Matched (first draft)", bodyMarkdown: "On probation.", slug: "matched", categoryId: "category-1" });

    const page = await db().page.findUniqueOrThrow({ where: { id: "page-1" }, include: { revisions: true } });
    expect(page.revisions).toEqual([expect.objectContaining({ id: "page-rev-1", number: 1, slug: "about" })]);
    expect(page.liveRevisionId).toBe("page-rev-1");
  });
});
