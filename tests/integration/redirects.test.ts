// The redirect table: rows written in bulk (the importer's API) and by slug changes, resolved to the
// target's current address, and the migration that turned post-only rows into typed targets.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { keepOldAddress, moveRedirects, oldPathOf, saveRedirects } from "@/lib/redirect-table";
import { migrationsDir } from "@/lib/schema-engine";
import { findRedirect, findRedirectKeepingRest } from "@/features/redirects/data";
import { createEmptyDatabase, useTestDatabase } from "../helpers/database";

let ids: { post: string; draft: string; series: string; category: string; tag: string; author: string };

beforeAll(async () => {
  await useTestDatabase();
  const author = await db().authorProfile.create({ data: { slug: "hollis-grey", displayName: "Hollis Grey" } });
  const post = await db().post.create({ data: { slug: "the-first-appointment", title: "The first appointment", status: "PUBLISHED", publishedAt: new Date() } });
  const draft = await db().post.create({ data: { slug: "not-yet", title: "Not yet", status: "DRAFT" } });
  const series = await db().series.create({ data: { slug: "caseload", title: "Caseload" } });
  const category = await db().category.create({ data: { slug: "probation", name: "Probation" } });
  const tag = await db().tag.create({ data: { slug: "supervision", name: "Supervision" } });
  ids = { post: post.id, draft: draft.id, series: series.id, category: category.id, tag: tag.id, author: author.id };
});

describe("the importer's API", () => {
  it("stores old WordPress addresses for every kind of target, with suffixes, and resolves each to its current address", async () => {
    const written = await saveRedirects([
      { fromPath: "/2013/04/the-first-appointment/", target: { type: "POST", id: ids.post } },
      { fromPath: "/series/caseload-by-hollis/", target: { type: "SERIES", id: ids.series } },
      { fromPath: "/category/probation/", target: { type: "CATEGORY", id: ids.category } },
      { fromPath: "/category/probation/feed/", target: { type: "CATEGORY", id: ids.category }, suffix: "/feed.xml" },
      { fromPath: "/tag/supervision/", target: { type: "TAG", id: ids.tag } },
      { fromPath: "/author/hgrey/", target: { type: "AUTHOR", id: ids.author } },
      { fromPath: "/about-us/", target: { type: "PAGE", id: "some-page-id" } },
    ]);
    expect(written).toBe(7);
    expect(await findRedirect("/2013/04/the-first-appointment/")).toBe("/posts/the-first-appointment");
    expect(await findRedirect("/series/caseload-by-hollis/")).toBe("/series/caseload");
    expect(await findRedirect("/category/probation/")).toBe("/categories/probation");
    expect(await findRedirect("/category/probation/feed/")).toBe("/categories/probation/feed.xml");
    expect(await findRedirect("/tag/supervision/")).toBe("/tags/supervision");
    expect(await findRedirect("/author/hgrey/")).toBe("/authors/hollis-grey");
    // Pages do not exist yet: a PAGE row leads nowhere until they do.
    expect(await findRedirect("/about-us/")).toBeNull();
    expect(await findRedirect("/never/stored/")).toBeNull();
  });

  it("replaces a row for a path already stored, and follows the target through later slug changes", async () => {
    await saveRedirects([{ fromPath: "/2014/01/moved/", target: { type: "POST", id: ids.draft } }]);
    expect(await findRedirect("/2014/01/moved/")).toBeNull(); // a post that is not published is not redirected to
    await saveRedirects([{ fromPath: "/2014/01/moved/", target: { type: "SERIES", id: ids.series } }]);
    expect(await db().redirect.count({ where: { fromPath: "/2014/01/moved/" } })).toBe(1);
    await db().series.update({ where: { id: ids.series }, data: { slug: "caseload-notes" } });
    expect(await findRedirect("/2014/01/moved/")).toBe("/series/caseload-notes");
    expect(await findRedirectKeepingRest("/2014/01/moved/", "/atom.xml")).toBe("/series/caseload-notes/atom.xml");
    await db().series.update({ where: { id: ids.series }, data: { slug: "caseload" } });
  });

  it("refuses rows the catch-all route could never match, naming the problem", async () => {
    const refused = async (row: Parameters<typeof saveRedirects>[0][number]) =>
      saveRedirects([row]).then(
        () => "stored",
        (error: Error) => error.message,
      );
    expect(await refused({ fromPath: "2013/04/x/", target: { type: "POST", id: ids.post } })).toMatch(/starting with \//);
    expect(await refused({ fromPath: "/?p=123", target: { type: "POST", id: ids.post } })).toMatch(/no query, fragment or spaces/);
    expect(await refused({ fromPath: "/", target: { type: "POST", id: ids.post } })).toMatch(/home page/);
    expect(await refused({ fromPath: "/x/", target: { type: "NEWSLETTER" as "POST", id: ids.post } })).not.toBe("stored");
    expect(await refused({ fromPath: "/x/", target: { type: "TAG", id: ids.tag }, suffix: "feed.xml" })).toMatch(/starting with \//);
  });

  it("turns any address into the path it is stored under", () => {
    expect(oldPathOf("https://blog.example.org/2013/04/caf%C3%A9-culture/?utm_source=x#comments")).toBe("/2013/04/café-culture/");
    expect(oldPathOf("/tag/social-media/")).toBe("/tag/social-media/");
    expect(oldPathOf("https://blog.example.org/")).toBeNull();
    expect(oldPathOf("/bad%E0%A4%A")).toBe("/bad%E0%A4%A");
  });
});

describe("slug changes, merges and deletions", () => {
  it("keeps an old address, releases the new one, and moves or drops rows with their target", async () => {
    await saveRedirects([{ fromPath: "/tags/supervision-2", target: { type: "CATEGORY", id: ids.category } }]);
    await keepOldAddress(db(), { type: "TAG", id: ids.tag }, "/tags/old-supervision", "/tags/supervision-2");
    expect(await db().redirect.findUnique({ where: { fromPath: "/tags/supervision-2" } })).toBeNull();
    expect(await findRedirect("/tags/old-supervision")).toBe("/tags/supervision");

    const other = await db().tag.create({ data: { slug: "practice", name: "Practice" } });
    expect(await moveRedirects(db(), { type: "TAG", id: ids.tag }, { type: "TAG", id: other.id })).toBe(2);
    expect(await findRedirect("/tag/supervision/")).toBe("/tags/practice");
    expect(await moveRedirects(db(), { type: "TAG", id: other.id }, null)).toBe(2);
    expect(await findRedirect("/tags/old-supervision")).toBeNull();
  });
});

describe("the migration to typed targets", () => {
  it("turns every existing post redirect into a POST target, keeping its path and post", async () => {
    const url = await createEmptyDatabase();
    const names = (await readdir(migrationsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    const index = names.findIndex((name) => name.endsWith("_taxonomy_and_redirect_targets"));
    expect(index).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const name of names.slice(0, index)) await client.query(await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8"));
      await client.query(`INSERT INTO "Post" (id, slug, title, "updatedAt") VALUES ('p1', 'kept', 'Kept', now())`);
      await client.query(`INSERT INTO "Redirect" (id, "fromPath", "postId") VALUES ('r1', '/2013/04/kept/', 'p1'), ('r2', '/posts/old-kept', 'p1')`);
      await client.query(await readFile(path.join(migrationsDir, names[index], "migration.sql"), "utf8"));
      const { rows } = await client.query(`SELECT id, "fromPath", "targetType"::text AS "targetType", "targetId", suffix FROM "Redirect" ORDER BY id`);
      expect(rows).toEqual([
        { id: "r1", fromPath: "/2013/04/kept/", targetType: "POST", targetId: "p1", suffix: "" },
        { id: "r2", fromPath: "/posts/old-kept", targetType: "POST", targetId: "p1", suffix: "" },
      ]);
    } finally {
      await client.end();
    }
  });
});
