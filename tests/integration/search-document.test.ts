import { beforeAll, describe, expect, it } from "vitest";
import { refreshAuthorSearchDocuments, refreshPostSearchDocuments } from "@/features/posts/store";
import { db } from "@/lib/db";
import { useTestDatabase } from "../helpers/database";

beforeAll(async () => {
  await useTestDatabase();
  const pen = await db().authorProfile.create({
    data: {
      slug: "quill-marten",
      displayName: "Quill Marten",
      isPseudonymous: true,
      realName: "Bartholomew Snedgrove",
    },
  });
  const named = await db().authorProfile.create({ data: { slug: "ada-fenwick", displayName: "Ada Fenwick" } });
  await db().post.create({
    data: {
      slug: "supervision-notes",
      title: "Supervision notes from a northern office",
      standfirst: "A practitioner on caseload pressure",
      bodyMarkdown:
        "Every probation officer I know keeps a notebook. See [the guide](https://example.org/zebracrossing) " +
        "and https://example.org/kangaroo for more. <span>marmalade</span>",
      status: "PUBLISHED",
      authors: { create: [{ profileId: pen.id, position: 0 }] },
    },
  });
  await db().post.create({
    data: {
      slug: "court-duty",
      title: "A morning on court duty",
      bodyMarkdown: "The list was long and the cells were full.",
      status: "PUBLISHED",
      authors: { create: [{ profileId: named.id, position: 0 }] },
    },
  });
});

async function matchingSlugs(query: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ slug: string }[]>`
    SELECT slug FROM "Post"
    WHERE "searchVector" @@ websearch_to_tsquery('english', ${query})
    ORDER BY slug`;
  return rows.map((row) => row.slug);
}

describe("refreshPostSearchDocuments", () => {
  it("starts with no search documents, and fills only the posts it is given", async () => {
    expect(await matchingSlugs("notebook")).toEqual([]);
    const post = await db().post.findUniqueOrThrow({ where: { slug: "court-duty" } });
    expect(await refreshPostSearchDocuments([post.id])).toBe(1);
    expect(await matchingSlugs("cells")).toEqual(["court-duty"]);
    expect(await matchingSlugs("notebook")).toEqual([]);
    expect(await refreshPostSearchDocuments([])).toBe(0);
  });

  it("fills every post when called without ids", async () => {
    expect(await refreshPostSearchDocuments()).toBe(2);
  });

  it("matches words from the title, the standfirst and the body", async () => {
    expect(await matchingSlugs("northern")).toEqual(["supervision-notes"]);
    expect(await matchingSlugs("caseload pressure")).toEqual(["supervision-notes"]);
    expect(await matchingSlugs("notebook")).toEqual(["supervision-notes"]);
    expect(await matchingSlugs("marmalade")).toEqual(["supervision-notes"]);
  });

  it("stems English words: 'probation officers' finds 'probation officer'", async () => {
    expect(await matchingSlugs("probation officers")).toEqual(["supervision-notes"]);
    expect(await matchingSlugs("supervising")).toEqual(["supervision-notes"]);
  });

  it("matches an author's display name, never a pseudonymous author's real name", async () => {
    expect(await matchingSlugs("Quill Marten")).toEqual(["supervision-notes"]);
    expect(await matchingSlugs("Fenwick")).toEqual(["court-duty"]);
    expect(await matchingSlugs("Snedgrove")).toEqual([]);
    expect(await matchingSlugs("Bartholomew")).toEqual([]);
  });

  it("leaves link targets and bare URLs out of the document", async () => {
    expect(await matchingSlugs("zebracrossing")).toEqual([]);
    expect(await matchingSlugs("kangaroo")).toEqual([]);
    expect(await matchingSlugs("guide")).toEqual(["supervision-notes"]);
  });

  it("ranks a title match above a body match", async () => {
    await db().post.create({
      data: { slug: "notebook-title", title: "The notebook", bodyMarkdown: "Nothing else here.", status: "PUBLISHED" },
    });
    await refreshPostSearchDocuments();
    const ranked = await db().$queryRaw<{ slug: string }[]>`
      SELECT slug FROM "Post"
      WHERE "searchVector" @@ websearch_to_tsquery('english', 'notebook')
      ORDER BY ts_rank("searchVector", websearch_to_tsquery('english', 'notebook')) DESC`;
    expect(ranked.map((row) => row.slug)).toEqual(["notebook-title", "supervision-notes"]);
  });
});

describe("refreshAuthorSearchDocuments", () => {
  it("picks up a renamed byline on every post it is on", async () => {
    await db().authorProfile.update({ where: { slug: "ada-fenwick" }, data: { displayName: "Ada Winterbourne" } });
    expect(await matchingSlugs("Winterbourne")).toEqual([]);
    const profile = await db().authorProfile.findUniqueOrThrow({ where: { slug: "ada-fenwick" } });
    expect(await refreshAuthorSearchDocuments(profile.id)).toBe(1);
    expect(await matchingSlugs("Winterbourne")).toEqual(["court-duty"]);
    expect(await matchingSlugs("Fenwick")).toEqual([]);
  });
});
