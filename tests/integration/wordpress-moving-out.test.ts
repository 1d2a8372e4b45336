// Moving out into a real WordPress (issue #24): the WXR export read as WordPress's importer reads it. Its
// comment parents are linked in one pass in ascending id among the comments already imported, so every
// reply must be numbered after its parent; titles, names and term names are HTML in WordPress, so they
// leave escaped as WordPress's own export writes them; an all-digit page slug is reported.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { numericPageSlugsLine, writeDocketWxrFile, type WxrExportSummary } from "@/features/wordpress/export/docket-wxr";
import { readWxrFile } from "@/features/wordpress/wxr/reader";
import type { WxrItem, WxrRecord } from "@/features/wordpress/wxr/types";
import { db } from "@/lib/db";
import { switchToNewDatabase } from "../helpers/database";
import { useTestSettings } from "./editorial-fixtures";
import { createPost } from "./reader-fixtures";

const HOSTILE_TITLE = `<script>alert("title")</script> & more`;
const HOSTILE_NAME = `<img src=x onerror=alert(1)> Reporter`;
const HOSTILE_TERM = `Courts & <b>Tribunals</b>`;

/**
 * A thread whose replies were written (or imported) with dates before their parents', and whose ids sort in
 * no useful order: root → a → a1, root → b; other → c → c1 → c2; then a lone comment.
 */
const THREAD: { key: string; parent: string | null; minutesAfter: number }[] = [
  { key: "c2", parent: "c1", minutesAfter: 1 },
  { key: "a1", parent: "a", minutesAfter: 2 },
  { key: "root", parent: null, minutesAfter: 30 },
  { key: "c1", parent: "c", minutesAfter: 3 },
  { key: "a", parent: "root", minutesAfter: 10 },
  { key: "other", parent: null, minutesAfter: 40 },
  { key: "b", parent: "root", minutesAfter: 5 },
  { key: "c", parent: "other", minutesAfter: 45 },
  { key: "lone", parent: null, minutesAfter: 0 },
];

let records: WxrRecord[];
let summary: WxrExportSummary;

beforeAll(async () => {
  await useTestSettings();
  await switchToNewDatabase("wpmoveout");
  const profile = await db().authorProfile.create({ data: { slug: "hostile-reporter", displayName: HOSTILE_NAME } });
  const category = await db().category.create({ data: { slug: "courts-tribunals", name: HOSTILE_TERM } });
  const tag = await db().tag.create({ data: { slug: "ampersands", name: "Bail & <i>remand</i>" } });
  const post = await createPost({ slug: "hostile-title", title: HOSTILE_TITLE, status: "PUBLISHED", authorIds: [profile.id], categoryId: category.id, tagIds: [tag.id], standfirst: "Less <than> that" });
  const ids = new Map<string, string>();
  // Created parents first (the database needs them), with the dates and order above.
  const start = Date.parse("2026-03-01T09:00:00Z");
  const create = async (entry: (typeof THREAD)[number]) => {
    if (ids.has(entry.key)) return;
    const parent = entry.parent ? THREAD.find((other) => other.key === entry.parent)! : null;
    if (parent) await create(parent);
    const comment = await db().comment.create({
      data: { postId: post.id, parentId: parent ? ids.get(parent.key)! : null, authorName: entry.key, authorEmail: "", body: `Comment ${entry.key}.`, status: "APPROVED", createdAt: new Date(start + entry.minutesAfter * 60_000) },
    });
    ids.set(entry.key, comment.id);
  };
  for (const entry of THREAD) await create(entry);
  await db().page.create({ data: { slug: "2", title: "Page two", status: "PUBLISHED", publishedAt: new Date(start) } });

  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "docket-moving-out-")), "site.xml");
  summary = await writeDocketWxrFile(file);
  records = [];
  for await (const record of readWxrFile(file)) records.push(record);
});

afterAll(async () => {
  await db().$disconnect();
});

/**
 * WordPress Importer 0.9's process_posts for one post's comments: sorted by comment_id (ksort), each
 * parent looked up among the comments inserted before it; one not found keeps its old, dangling id.
 */
function importCommentsAsWordPress(item: WxrItem): Map<string, string | null> {
  const inserted = new Map<number, string>();
  const parents = new Map<string, string | null>();
  for (const comment of [...item.comments].sort((a, b) => a.id - b.id)) {
    const parent = comment.parent === 0 ? null : (inserted.get(comment.parent) ?? "(dangling)");
    parents.set(comment.author, parent);
    inserted.set(comment.id, comment.author);
  }
  return parents;
}

describe("moving out into WordPress", () => {
  it("numbers comments so WordPress's importer finds every reply under its parent", () => {
    const item = records.find((record): record is WxrItem => record.kind === "item" && record.postName === "hostile-title")!;
    expect(item.comments).toHaveLength(THREAD.length);
    expect(Object.fromEntries(importCommentsAsWordPress(item))).toEqual(Object.fromEntries(THREAD.map((entry) => [entry.key, entry.parent])));
  });

  it("writes titles, names and term names HTML-escaped, as WordPress's own export does", () => {
    const item = records.find((record): record is WxrItem => record.kind === "item" && record.postName === "hostile-title")!;
    expect(item.title).toBe("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; more");
    expect(item.excerpt).toBe("Less &lt;than&gt; that");
    expect(item.terms).toEqual(
      expect.arrayContaining([
        { domain: "category", nicename: "courts-tribunals", name: "Courts &amp; &lt;b&gt;Tribunals&lt;/b&gt;" },
        { domain: "post_tag", nicename: "ampersands", name: "Bail &amp; &lt;i&gt;remand&lt;/i&gt;" },
      ]),
    );
    const author = records.find((record) => record.kind === "author" && record.login === "hostile-reporter");
    expect(author).toMatchObject({ displayName: "&lt;img src=x onerror=alert(1)&gt; Reporter" });
    const category = records.find((record) => record.kind === "category" && record.nicename === "courts-tribunals");
    expect(category).toMatchObject({ name: "Courts &amp; &lt;b&gt;Tribunals&lt;/b&gt;" });
  });

  it("reports pages at all-digit addresses, which WordPress renames", () => {
    expect(summary.numericPageSlugs).toEqual(["2"]);
    expect(numericPageSlugsLine(summary.numericPageSlugs)).toBe(
      "The page at /2 will live elsewhere in WordPress, which refuses all-digit page addresses (it makes /2 into /2-2): add a redirect there, or give it a word before exporting.",
    );
  });
});
