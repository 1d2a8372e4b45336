// The post store's promises, through the commands the editor calls: a published post's saves make a
// working copy that changes nothing readers get until Update; a save from an older revision is a
// conflict carrying the other version; Discard, review of a guest's changes, scheduled updates;
// taxonomy changes reach working copies too; many posts at once in few statements; pages alike.
import { simpleParser } from "mailparser";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import { ConflictError, InputError } from "@/lib/errors";
import { tags } from "@/lib/cache-tags";
import {
  discardPostChanges,
  publishPost,
  requestChanges,
  restorePostRevision,
  savePost,
  schedulePostUpdate,
  submitPostChanges,
  unpublishPost,
  updatePost,
} from "@/features/posts/commands";
import { findPostForEditing, listReviewQueue } from "@/features/posts/admin/data";
import { getPublishedPost, listFeedPosts } from "@/features/posts/data";
import { insertPosts, insertStoredRows, STORE_TABLES } from "@/features/posts/store";
import { publishDueScheduledPosts } from "@/features/posts/scheduled-publishing";
import { reorderSeries } from "@/features/series/commands";
import { deleteCategory } from "@/features/categories/commands";
import { mergeTags } from "@/features/tags/commands";
import { createPage, discardPageChanges, publishPage, savePage, updatePage } from "@/features/pages/commands";
import { getPublishedPage } from "@/features/pages/data";
import { searchPosts } from "@/features/search/data";
import { fromLondonLocal, toLondonLocal } from "@/lib/london-time";
import { createCast, createTestPost, editPage, editPost, emptySnapshot, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";
import { workOffQueuedJobs } from "../helpers/job-queue";

let cast: Awaited<ReturnType<typeof createCast>>;
let outbox: string;

beforeAll(async () => {
  outbox = path.join(await useTestSettings(), "outbox");
  await openEditorialTestDatabase();
  cast = await createCast();
});

async function mailsTo(address: string): Promise<string[]> {
  await workOffQueuedJobs();
  const files = (await readdir(outbox).catch(() => [] as string[])).sort();
  const raws = await Promise.all(files.map((file) => readFile(path.join(outbox, file), "utf8")));
  const mails = await Promise.all(raws.filter((raw) => raw.includes(`To: ${address}`)).map((raw) => simpleParser(raw)));
  return mails.map((mail) => mail.subject ?? "");
}

const row = (id: string) => db().post.findUniqueOrThrow({ where: { id } });
const revisionCount = (postId: string) => db().revision.count({ where: { postId } });
const latestRevisionId = async (postId: string) => (await db().revision.findFirstOrThrow({ where: { postId }, orderBy: { number: "desc" }, select: { id: true } })).id;

/** What readers get of a post: its page's data, its feed entry and what search finds. */
async function whatReadersGet(slug: string, word: string) {
  return JSON.stringify({
    page: await getPublishedPost(slug),
    feed: (await listFeedPosts({ kind: "site" }, 200)).find((post) => post.slug === slug),
    search: (await searchPosts(word, 1)).hits.map((post) => post.slug),
  });
}

describe("a published post's working copy", () => {
  it("keeps what readers get until Update, which makes exactly the saved revision live, once", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const live = await row(post.id);
    const before = await whatReadersGet(post.slug, "worth");

    const first = await editPost(cast.AUTHOR, { postId: post.id, title: "A changed title", slug: post.slug, bodyMarkdown: "Some **text** worth reading, and a half-typed sente" });
    const second = await editPost(cast.AUTHOR, { postId: post.id, title: "A changed title", slug: post.slug, bodyMarkdown: "Some **text** worth reading, and a finished sentence." });
    expect([first.tags, second.tags]).toEqual([[], []]);
    expect([first.data.pending, second.data.pending]).toEqual([true, true]);
    expect(second.message).toBe("Saved. Readers still see the published version.");
    expect(await row(post.id)).toEqual(live);
    expect(await whatReadersGet(post.slug, "worth")).toBe(before);
    expect(await revisionCount(post.id)).toBe(3);

    const editing = await findPostForEditing(post.id);
    expect(editing?.latest).toMatchObject({ id: second.data.revisionId, title: "A changed title" });
    expect(editing?.live).toMatchObject({ id: live.liveRevisionId, title: live.title });

    const updated = await runCommand(updatePost, cast.AUTHOR, { postId: post.id, revisionId: second.data.revisionId });
    expect(updated.tags).toEqual(expect.arrayContaining([tags.posts, tags.post(post.slug)]));
    const after = await row(post.id);
    expect(after).toMatchObject({ liveRevisionId: second.data.revisionId, title: "A changed title", bodyHtml: "<p>Some <strong>text</strong> worth reading, and a finished sentence.</p>" });
    expect(await whatReadersGet(post.slug, "finished")).toContain("a finished sentence");
    const audit = await db().auditLog.findMany({ where: { entityId: post.id, action: "post.updated" }, select: { details: true } });
    expect(audit).toEqual([{ details: { revisionId: second.data.revisionId, revisionNumber: "3" } }]);

    // Nothing left to update: the live revision does not move again.
    const again = await runCommand(updatePost, cast.AUTHOR, { postId: post.id, revisionId: second.data.revisionId });
    expect(again).toMatchObject({ message: "Nothing to update: readers already see this version." });
    expect((await row(post.id)).liveRevisionId).toBe(second.data.revisionId);
    expect(await db().auditLog.count({ where: { entityId: post.id, action: "post.updated" } })).toBe(1);
  });

  it("refuses an Update of a revision that is no longer the latest, carrying the latest", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const original = await row(post.id);
    const mine = await editPost(cast.AUTHOR, { postId: post.id, title: "Mine", bodyMarkdown: "My words." });
    const theirs = await editPost(cast.EDITOR, { postId: post.id, title: "Theirs", bodyMarkdown: "Their words." });
    const refused = await runCommand(updatePost, cast.AUTHOR, { postId: post.id, revisionId: mine.data.revisionId }).catch((error) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.current).toMatchObject({ revisionId: theirs.data.revisionId, savedBy: "Eddie Editor", fields: { title: "Theirs", bodyMarkdown: "Their words." } });
    expect(await row(post.id)).toEqual(original);
  });

  it("discards changes back to the live version, keeping the dropped text in the history", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    await editPost(cast.AUTHOR, { postId: post.id, title: "Second thoughts", bodyMarkdown: "A sentence I regret." });
    const discarded = await runCommand(discardPostChanges, cast.AUTHOR, { postId: post.id });
    expect(discarded.message).toBe("Changes discarded: the editor shows the published version again.");
    const editing = await findPostForEditing(post.id);
    expect(editing?.live).toBeNull();
    expect(editing?.latest).toMatchObject({ id: discarded.data.revisionId, title: (await row(post.id)).title, bodyMarkdown: "Some **text** worth reading." });
    const history = await db().revision.findMany({ where: { postId: post.id }, orderBy: { number: "asc" }, select: { bodyMarkdown: true } });
    expect(history.map((revision) => revision.bodyMarkdown)).toEqual(["Some **text** worth reading.", "A sentence I regret.", "Some **text** worth reading."]);
    expect((await runCommand(discardPostChanges, cast.AUTHOR, { postId: post.id })).message).toBe("There were no changes to discard.");
  });

  it("restores an old revision of a published post as a working copy", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const newer = await editPost(cast.AUTHOR, { postId: post.id, title: "Newer", bodyMarkdown: "Newer words." });
    await runCommand(updatePost, cast.AUTHOR, { postId: post.id, revisionId: newer.data.revisionId });
    const restored = await runCommand(restorePostRevision, cast.AUTHOR, { postId: post.id, revisionId: post.revisionId });
    expect(restored).toMatchObject({ tags: [], message: expect.stringContaining("as a working copy") });
    expect(await row(post.id)).toMatchObject({ title: "Newer", liveRevisionId: newer.data.revisionId });
  });

  it("lets a guest change their published post and send the changes for review; an editor updates or sends them back", async () => {
    const post = await createTestPost(cast.GUEST, "PUBLISHED");
    const saved = await editPost(cast.GUEST, { postId: post.id, title: "A correction", bodyMarkdown: "Corrected words." });
    expect(saved.data.pending).toBe(true);
    await expect(runCommand(updatePost, cast.GUEST, { postId: post.id, revisionId: saved.data.revisionId })).rejects.toThrow();
    await runCommand(submitPostChanges, cast.GUEST, { postId: post.id });
    const queue = await listReviewQueue();
    expect(queue.find((entry) => entry.id === post.id)).toMatchObject({ changesToPublished: true, status: "PUBLISHED" });
    expect(await mailsTo("editor@docket.test")).toContain(`Submitted for review: \u2068${(await row(post.id)).title}\u2069`);
    // Locked until an editor responds, as a submitted draft is.
    await expect(editPost(cast.GUEST, { postId: post.id, title: "Sneaky", bodyMarkdown: "x" })).rejects.toThrow();

    await runCommand(requestChanges, cast.EDITOR, { postId: post.id, body: "Cite the judgment, please." });
    expect((await listReviewQueue()).some((entry) => entry.id === post.id)).toBe(false);
    expect((await row(post.id)).status).toBe("PUBLISHED");
    const again = await editPost(cast.GUEST, { postId: post.id, title: "A correction", bodyMarkdown: "Corrected words, citing the judgment." });
    await runCommand(submitPostChanges, cast.GUEST, { postId: post.id });

    await runCommand(updatePost, cast.EDITOR, { postId: post.id, revisionId: again.data.revisionId });
    expect(await row(post.id)).toMatchObject({ title: "A correction", liveRevisionId: again.data.revisionId });
    expect((await listReviewQueue()).some((entry) => entry.id === post.id)).toBe(false);
    expect(await mailsTo("guest@docket.test")).toContain("Published: \u2068A correction\u2069");
  });

  it("applies a scheduled update at its time, once, even with two workers", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const saved = await editPost(cast.EDITOR, { postId: post.id, title: "Scheduled change", bodyMarkdown: "From tomorrow." });
    const inADay = toLondonLocal(new Date(Date.now() + 24 * 60 * 60 * 1000));
    await runCommand(schedulePostUpdate, cast.EDITOR, { postId: post.id, localDateTime: inADay });
    // Typing after scheduling changes the working copy, not what was scheduled.
    await editPost(cast.EDITOR, { postId: post.id, title: "Scheduled change", bodyMarkdown: "From tomorrow, and more." });
    await publishDueScheduledPosts(new Date());
    expect((await row(post.id)).liveRevisionId).toBe(post.revisionId);
    const due = new Date(fromLondonLocal(inADay).getTime() + 60_000);
    await Promise.all([publishDueScheduledPosts(due), publishDueScheduledPosts(due)]);
    expect(await row(post.id)).toMatchObject({ liveRevisionId: saved.data.revisionId, bodyMarkdown: "From tomorrow." });
    expect(await db().auditLog.count({ where: { entityId: post.id, action: "post.updated-on-schedule" } })).toBe(1);
    expect((await findPostForEditing(post.id))?.latest.bodyMarkdown).toBe("From tomorrow, and more.");
  });

  it("publishes every other due post when one cannot be published, leaving that one for the next sweep", async () => {
    const blocked = await createTestPost(cast.AUTHOR, "SCHEDULED");
    const fine = await createTestPost(cast.AUTHOR, "SCHEDULED");
    const other = await createTestPost(cast.AUTHOR, "PUBLISHED");
    // The blocked post's text wants an address another post has taken since it was scheduled.
    await db().revision.update({ where: { id: blocked.revisionId }, data: { slug: other.slug } });
    const due = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
    const published = await publishDueScheduledPosts(due);
    expect(published).toContain(fine.slug);
    expect(published).not.toContain(blocked.slug);
    expect((await row(blocked.id)).status).toBe("SCHEDULED");
    expect((await row(fine.id)).status).toBe("PUBLISHED");
  });

  it("shows the latest revision once unpublished, and makes it live when published again", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const saved = await editPost(cast.EDITOR, { postId: post.id, title: "Pending", bodyMarkdown: "Never seen." });
    await runCommand(unpublishPost, cast.EDITOR, { postId: post.id });
    expect(await row(post.id)).toMatchObject({ status: "UNPUBLISHED", title: "Pending" });
    await runCommand(publishPost, cast.EDITOR, { postId: post.id });
    expect(await row(post.id)).toMatchObject({ status: "PUBLISHED", liveRevisionId: saved.data.revisionId });
  });
});

describe("posts written outside the store", () => {
  it("are adopted: their first save or publication gives them a revision holding what they show", async () => {
    const scheduled = `by-hand-${Date.now()}`;
    await db().$executeRaw`INSERT INTO "Post" (id, slug, title, "bodyMarkdown", "bodyHtml", status, "scheduledFor", "updatedAt") VALUES (${scheduled}, ${scheduled}, 'By hand', 'Typed into psql.', '<p>Typed into psql.</p>', 'SCHEDULED', now() - interval '1 minute', now())`;
    await db().$executeRaw`INSERT INTO "PostAuthor" ("postId", "profileId", position) VALUES (${scheduled}, ${cast.AUTHOR.profileId}, 0)`;
    expect(await publishDueScheduledPosts(new Date())).toContain(scheduled);
    const published = await db().post.findUniqueOrThrow({ where: { id: scheduled }, include: { revisions: true } });
    expect(published.revisions).toEqual([expect.objectContaining({ number: 1, title: "By hand", bodyMarkdown: "Typed into psql.", authorProfileIds: [cast.AUTHOR.profileId] })]);
    expect(published.liveRevisionId).toBe(published.revisions[0].id);

    const draft = `by-hand-draft-${Date.now()}`;
    await db().$executeRaw`INSERT INTO "Post" (id, slug, title, "bodyMarkdown", status, "createdById", "updatedAt") VALUES (${draft}, ${draft}, 'Draft by hand', 'Old words.', 'DRAFT', ${cast.AUTHOR.id}, now())`;
    const editing = await findPostForEditing(draft);
    expect(editing?.latest).toMatchObject({ id: "", title: "Draft by hand", bodyMarkdown: "Old words." });
    const saved = await runCommand(savePost, cast.AUTHOR, { postId: draft, baseRevisionId: editing?.latest.id, title: "Draft by hand", slug: draft, bodyMarkdown: "New words." });
    expect((await db().revision.findMany({ where: { postId: draft }, orderBy: { number: "asc" }, select: { bodyMarkdown: true } })).map((revision) => revision.bodyMarkdown)).toEqual(["Old words.", "New words."]);
    expect(saved.data.revisionId).toBe(await latestRevisionId(draft));
  });
});

describe("saves that started from an older version", () => {
  it("are refused with the other version, keep mine saves on top of theirs, and nothing typed is lost", async () => {
    const post = await createTestPost(cast.AUTHOR, "DRAFT");
    const base = post.revisionId;
    const tabA = await runCommand(savePost, cast.AUTHOR, { postId: post.id, baseRevisionId: base, title: "Draft", bodyMarkdown: "Sentence typed in tab A." });
    const tabB = runCommand(savePost, cast.AUTHOR, { postId: post.id, baseRevisionId: base, title: "Draft", bodyMarkdown: "Sentence typed in tab B." });
    const conflict = await tabB.catch((error) => error);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.message).toBe("Someone else saved this post since you opened it. Both versions are shown: choose which to keep.");
    expect(conflict.current).toMatchObject({ revisionId: tabA.data.revisionId, number: 2, savedBy: "Aria Author", fields: { bodyMarkdown: "Sentence typed in tab A.", title: "Draft" } });
    expect((await row(post.id)).bodyMarkdown).toBe("Sentence typed in tab A.");

    // The same words as the latest are no conflict; "keep mine" is a save on top of theirs.
    await expect(runCommand(savePost, cast.AUTHOR, { postId: post.id, baseRevisionId: base, title: "Draft", bodyMarkdown: "Sentence typed in tab A." })).resolves.toMatchObject({ data: { revisionId: tabA.data.revisionId } });
    const kept = await runCommand(savePost, cast.AUTHOR, { postId: post.id, baseRevisionId: tabA.data.revisionId, title: "Draft", bodyMarkdown: "Sentence typed in tab B." });
    expect((await row(post.id)).bodyMarkdown).toBe("Sentence typed in tab B.");
    const stored = (await db().revision.findMany({ where: { postId: post.id }, select: { bodyMarkdown: true } })).map((revision) => revision.bodyMarkdown);
    expect(stored).toEqual(expect.arrayContaining(["Sentence typed in tab A.", "Sentence typed in tab B."]));
    expect(kept.data.revisionId).toBe(await latestRevisionId(post.id));
  });

  it("never lets two saves from the same version both become the next revision", async () => {
    const post = await createTestPost(cast.AUTHOR, "DRAFT");
    const saves = await Promise.allSettled(
      ["one", "two", "three"].map((word) => runCommand(savePost, cast.AUTHOR, { postId: post.id, baseRevisionId: post.revisionId, title: "Race", bodyMarkdown: `Saved by ${word}.` })),
    );
    expect(saves.filter((save) => save.status === "fulfilled")).toHaveLength(1);
    expect(saves.filter((save) => save.status === "rejected" && save.reason instanceof ConflictError)).toHaveLength(2);
    expect(await revisionCount(post.id)).toBe(2);
  });

  it("are refused when they carry no base revision, or an empty one for a post that has revisions", async () => {
    const post = await createTestPost(cast.AUTHOR, "DRAFT");
    await expect(runCommand(savePost, cast.AUTHOR, { postId: post.id, title: "No base" })).rejects.toThrow("Reload the page: this editor does not know which version it started from.");
    await expect(runCommand(savePost, cast.AUTHOR, { postId: post.id, baseRevisionId: "", title: "Empty base" })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("images that are not ready", () => {
  it("are never stored from the writer's computer, and keep a post from going out until uploaded and described", async () => {
    const post = await createTestPost(cast.AUTHOR, "DRAFT");
    const local = await editPost(cast.AUTHOR, { postId: post.id, title: "Pictures", bodyMarkdown: "![A room](file:///C:/Users/me/clip_image002.jpg)" }).catch((error) => error);
    expect(local).toBeInstanceOf(InputError);
    expect(local.fieldErrors.bodyMarkdown).toBe("An image points at a file on your computer (file:…), which readers cannot see. Upload the image instead.");

    await editPost(cast.AUTHOR, { postId: post.id, title: "Pictures", bodyMarkdown: "Words.\n\n![A room](missing-image:clip_image002.jpg)\n\n![](/uploads/2026/01/a.webp)" });
    await expect(runCommand(publishPost, cast.AUTHOR, { postId: post.id })).rejects.toThrow(
      "Before the post goes out, upload the image “clip_image002.jpg” (or remove it); describe the image that has no description (alt text).",
    );
    await editPost(cast.AUTHOR, { postId: post.id, title: "Pictures", bodyMarkdown: "Words.\n\n![A room](/uploads/2026/01/b.webp)\n\n![A yard](/uploads/2026/01/a.webp)" });
    await expect(runCommand(publishPost, cast.AUTHOR, { postId: post.id })).resolves.toMatchObject({ message: "Published." });

    const change = await editPost(cast.AUTHOR, { postId: post.id, title: "Pictures", bodyMarkdown: "Words.\n\n![](/uploads/2026/01/b.webp)" });
    await expect(runCommand(updatePost, cast.AUTHOR, { postId: post.id, revisionId: change.data.revisionId })).rejects.toThrow(/^Before the post goes out, describe the image/);
  });
});

describe("taxonomy changes reach working copies", () => {
  it("moves a deleted category's posts, merges tags and numbers a series in the revisions too, so an Update undoes none of it", async () => {
    const [from, to] = await Promise.all([
      db().category.create({ data: { slug: `old-${Date.now()}`, name: "Old" } }),
      db().category.create({ data: { slug: `new-${Date.now()}`, name: "New" } }),
    ]);
    const stamp = Date.now();
    const [oldTag, newTag] = await Promise.all([db().tag.create({ data: { slug: `old-${stamp}`, name: `Old ${stamp}` } }), db().tag.create({ data: { slug: `new-${stamp}`, name: `New ${stamp}` } })]);
    const series = await db().series.create({ data: { slug: `s-${Date.now()}`, title: "Numbered" } });
    const post = await createTestPost(cast.AUTHOR, "DRAFT");
    await editPost(cast.AUTHOR, { postId: post.id, title: "Filed", bodyMarkdown: "Body.", categoryId: from.id, tags: oldTag.name, seriesId: series.id, seriesPosition: "5" });
    await runCommand(publishPost, cast.AUTHOR, { postId: post.id });
    const working = await editPost(cast.AUTHOR, { postId: post.id, title: "Filed", bodyMarkdown: "Body, changed.", categoryId: from.id, tags: oldTag.name, seriesId: series.id, seriesPosition: "5" });

    await runCommand(deleteCategory, cast.EDITOR, { categoryId: from.id, moveTo: to.id });
    await runCommand(mergeTags, cast.EDITOR, { fromTagId: oldTag.id, intoTagId: newTag.id });
    await runCommand(reorderSeries, cast.EDITOR, { seriesId: series.id, postIds: [post.id] });
    await runCommand(updatePost, cast.AUTHOR, { postId: post.id, revisionId: working.data.revisionId });

    const after = await db().post.findUniqueOrThrow({ where: { id: post.id }, include: { tags: true } });
    expect(after).toMatchObject({ categoryId: to.id, seriesPosition: 1, bodyMarkdown: "Body, changed." });
    expect(after.tags.map((tag) => tag.tagId)).toEqual([newTag.id]);
  });
});

describe("many posts at once", () => {
  it("writes posts with their first revision (live when published), bylines, tags and search documents", async () => {
    const tag = await db().tag.create({ data: { slug: `bulk-${Date.now()}`, name: "Bulk" } });
    const ids = await insertPosts(
      Array.from({ length: 30 }, (_, index) => ({
        status: index % 2 === 0 ? ("PUBLISHED" as const) : ("DRAFT" as const),
        createdById: cast.EDITOR.id,
        publishedAt: index % 2 === 0 ? new Date("2026-01-02T09:00:00Z") : null,
        revisionAuthorId: cast.EDITOR.id,
        snapshot: {
          ...emptySnapshot,
          slug: `bulk-${Date.now()}-${index}`,
          title: `Bulk post ${index}`,
          bodyMarkdown: `Text of **bulk** post ${index} about zeppelins.`,
          tagIds: [tag.id],
          authorProfileIds: [cast.AUTHOR.profileId!, cast.OTHER.profileId!],
        },
      })),
    );
    expect(ids).toHaveLength(30);
    const rows = await db().post.findMany({ where: { id: { in: ids } }, include: { revisions: true, authors: { orderBy: { position: "asc" } }, tags: true } });
    for (const [index, id] of ids.entries()) {
      const stored = rows.find((candidate) => candidate.id === id)!;
      expect(stored.bodyHtml).toBe(`<p>Text of <strong>bulk</strong> post ${index} about zeppelins.</p>`);
      expect(stored.revisions).toHaveLength(1);
      expect(stored.revisions[0]).toMatchObject({ number: 1, title: `Bulk post ${index}`, authorProfileIds: [cast.AUTHOR.profileId, cast.OTHER.profileId], tagIds: [tag.id] });
      expect(stored.liveRevisionId).toBe(stored.status === "PUBLISHED" ? stored.revisions[0].id : null);
      expect(stored.authors.map((author) => author.profileId)).toEqual([cast.AUTHOR.profileId, cast.OTHER.profileId]);
      expect(stored.tags.map((postTag) => postTag.tagId)).toEqual([tag.id]);
    }
    expect((await searchPosts("zeppelins", 1)).total).toBe(15);
  });
});

describe("rows restored as a backup holds them", () => {
  it("are written back exactly, ids, rendered columns and search documents included", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const live = await editPost(cast.AUTHOR, { postId: post.id, title: "Tagged", slug: post.slug, bodyMarkdown: "Live.", tags: "restored" });
    await runCommand(updatePost, cast.AUTHOR, { postId: post.id, revisionId: live.data.revisionId });
    await editPost(cast.AUTHOR, { postId: post.id, title: "Working copy", slug: post.slug, bodyMarkdown: "Not live yet.", tags: "restored" });
    const tables = { Post: `"id"`, Revision: `"postId"`, PostAuthor: `"postId"`, PostTag: `"postId"` } as const;
    const dump = async () => {
      const rows: Record<string, unknown[]> = {};
      for (const [table, key] of Object.entries(tables)) {
        rows[table] = await db().$queryRawUnsafe(`SELECT to_jsonb(t) AS row FROM "${table}" t WHERE ${key} = $1 ORDER BY to_jsonb(t)::text`, post.id);
      }
      return rows as Record<keyof typeof tables, { row: Record<string, unknown> }[]>;
    };
    const before = await dump();
    await db().$executeRaw`DELETE FROM "Post" WHERE id = ${post.id}`;
    await db().$transaction(async (tx) => {
      for (const table of STORE_TABLES) {
        const rows = before[table].map((entry) => entry.row);
        expect(rows.length, table).toBeGreaterThan(0);
        await insertStoredRows(tx, table, Object.keys(rows[0]), JSON.stringify(rows));
      }
    });
    expect(await dump()).toEqual(before);
  });
});

describe("a published page's working copy", () => {
  it("keeps what readers get until Update, refuses a stale save with the other version, and discards back to the live text", async () => {
    const { pageId } = (await runCommand(createPage, cast.EDITOR, { title: "Contact" })).data;
    await editPage(cast.EDITOR, { pageId, title: "Contact", bodyMarkdown: "Write to us." });
    await runCommand(publishPage, cast.EDITOR, { pageId });
    const live = await getPublishedPage("contact");

    const saved = await editPage(cast.EDITOR, { pageId, title: "Contact", bodyMarkdown: "Write to us, or call." });
    expect(saved).toMatchObject({ tags: [], data: { pending: true } });
    expect(await getPublishedPage("contact")).toEqual(live);

    const stale = await runCommand(savePage, cast.ADMIN, { pageId, baseRevisionId: live ? (await db().page.findUniqueOrThrow({ where: { id: pageId } })).liveRevisionId : "x", title: "Contact", bodyMarkdown: "Write." }).catch((error) => error);
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale.current).toMatchObject({ revisionId: saved.data.revisionId, savedBy: "Eddie Editor", fields: { bodyMarkdown: "Write to us, or call." } });

    const updated = await runCommand(updatePage, cast.EDITOR, { pageId, revisionId: saved.data.revisionId });
    expect(updated.tags).toEqual(expect.arrayContaining([tags.page("contact")]));
    expect((await getPublishedPage("contact"))?.bodyHtml).toBe("<p>Write to us, or call.</p>");

    await editPage(cast.EDITOR, { pageId, title: "Contact", bodyMarkdown: "Gone." });
    await runCommand(discardPageChanges, cast.EDITOR, { pageId });
    const latest = await db().pageRevision.findFirstOrThrow({ where: { pageId }, orderBy: { number: "desc" } });
    expect(latest.bodyMarkdown).toBe("Write to us, or call.");
    expect((await getPublishedPage("contact"))?.bodyHtml).toBe("<p>Write to us, or call.</p>");
  });
});
