// The editorial workflow through the commands: drafts, revisions, review, scheduling, the publishing
// sweep (including a post whose moment passed while Docket was stopped), emails and the audit log.
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import { createPost, publishPost, requestChanges, restorePostRevision, schedulePost, submitPost, updatePost } from "@/features/posts/commands";
import { reorderSeries } from "@/features/series/commands";
import { AuthorizationError, InputError } from "@/lib/errors";
import { SlugTakenError } from "@/features/posts/store";
import { publishDueScheduledPosts } from "@/features/posts/scheduled-publishing";
import { fromLondonLocal, toLondonLocal } from "@/lib/london-time";
import { listReviewQueue } from "@/features/posts/admin/data";
import { createCast, createTestPost, openEditorialTestDatabase, useTestSettings, editPost } from "./editorial-fixtures";
import { workOffQueuedJobs } from "../helpers/job-queue";

let cast: Awaited<ReturnType<typeof createCast>>;
let outbox: string;
let seen = new Set<string>();

beforeAll(async () => {
  outbox = path.join(await useTestSettings(), "outbox");
  await openEditorialTestDatabase();
  cast = await createCast();
});
beforeEach(async () => {
  seen = new Set(await readdir(outbox).catch(() => []));
});

/** Sends what is queued, then counts every mail so far as seen. */
async function markMailsSeen() {
  await workOffQueuedJobs();
  seen = new Set(await readdir(outbox));
}

/** The mails the worker wrote to the outbox since `seen` was taken. */
async function newMails(): Promise<{ to: string; subject: string; raw: string }[]> {
  await workOffQueuedJobs();
  const files = (await readdir(outbox).catch(() => [] as string[])).filter((file) => !seen.has(file)).sort();
  return Promise.all(
    files.map(async (file) => {
      const raw = await readFile(path.join(outbox, file), "utf8");
      return { to: raw.match(/^To: (.+)$/m)?.[1] ?? "", subject: (await simpleParser(raw)).subject ?? "", raw };
    }),
  );
}

describe("a guest's post from draft to published", () => {
  it("goes through review, changes, scheduling and the publishing sweep", async () => {
    const { GUEST, EDITOR } = cast;
    const { postId } = (await runCommand(createPost, GUEST, { title: "On probation, year one" })).data;
    await editPost(GUEST, { postId, title: "On probation, year one", bodyMarkdown: "First draft.", tags: "probation, reform" });

    await runCommand(submitPost, GUEST, { postId });
    expect((await newMails()).map((mail) => mail.to).sort()).toEqual(["admin@docket.test", "editor@docket.test"]);
    await expect(editPost(GUEST, { postId, title: "Sneaky edit", bodyMarkdown: "x" })).rejects.toThrow(/locked until they respond/);

    await markMailsSeen();
    await runCommand(requestChanges, EDITOR, { postId, body: "Please add the figures for 2025." });
    const changeMail = (await newMails())[0];
    expect(changeMail).toMatchObject({ to: "guest@docket.test", subject: "Changes requested: \u2068On probation, year one\u2069" });
    expect(changeMail.raw).toContain("Please add the figures for 2025.");

    await editPost(GUEST, { postId, title: "On probation, year one", bodyMarkdown: "Second draft, with the 2025 figures.", tags: "probation, reform" });
    await runCommand(submitPost, GUEST, { postId });

    await markMailsSeen();
    const now = new Date();
    const inAnHour = toLondonLocal(new Date(now.getTime() + 60 * 60 * 1000));
    await runCommand(schedulePost, EDITOR, { postId, localDateTime: inAnHour });
    expect((await newMails())[0]).toMatchObject({ to: "guest@docket.test", subject: "Scheduled: \u2068On probation, year one\u2069" });

    expect(await publishDueScheduledPosts(now)).toEqual([]);
    await markMailsSeen();
    const due = fromLondonLocal(inAnHour);
    expect(await publishDueScheduledPosts(new Date(due.getTime() + 30_000))).toEqual(["on-probation-year-one"]);
    const post = await db().post.findUniqueOrThrow({ where: { id: postId }, include: { tags: { include: { tag: true } } } });
    expect(post).toMatchObject({ status: "PUBLISHED", publishedAt: due, bodyHtml: "<p>Second draft, with the 2025 figures.</p>" });
    expect(post.tags.map((postTag) => postTag.tag.slug).sort()).toEqual(["probation", "reform"]);
    expect((await newMails())[0]).toMatchObject({ to: "guest@docket.test", subject: "Published: \u2068On probation, year one\u2069" });

    const audit = await db().auditLog.findMany({ where: { entityId: postId }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(audit.map((entry) => entry.action)).toEqual([
      "post.created",
      "post.saved",
      "post.submitted",
      "post.changes-requested",
      "post.saved",
      "post.submitted",
      "post.scheduled",
      "post.published-on-schedule",
    ]);
  });

  it("publishes a post whose time passed while Docket was stopped, once, dated when it went out", async () => {
    const post = await createTestPost(cast.AUTHOR, "SCHEDULED");
    const missed = new Date("2026-03-01T08:00:00Z");
    await db().post.update({ where: { id: post.id }, data: { scheduledFor: missed } });
    const restartedAt = new Date("2026-03-03T10:00:00Z");
    const [first, second] = await Promise.all([publishDueScheduledPosts(restartedAt), publishDueScheduledPosts(restartedAt)]);
    expect([...first, ...second].filter((slug) => slug === post.slug)).toHaveLength(1);
    expect(await db().post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ status: "PUBLISHED", publishedAt: restartedAt });
    expect((await newMails()).filter((mail) => mail.subject.startsWith("Published"))).toHaveLength(1);
  });

  it("an author publishes their own post directly", async () => {
    const post = await createTestPost(cast.AUTHOR, "DRAFT");
    await runCommand(publishPost, cast.AUTHOR, { postId: post.id });
    expect(await db().post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ status: "PUBLISHED" });
  });
});

describe("revisions", () => {
  it("keeps one per changed save and restores an old one as a new revision", async () => {
    const { postId } = (await runCommand(createPost, cast.AUTHOR, { title: "Revision test" })).data;
    await editPost(cast.AUTHOR, { postId, title: "Revision test", bodyMarkdown: "Version one." });
    await editPost(cast.AUTHOR, { postId, title: "Revision test", bodyMarkdown: "Version one." });
    await editPost(cast.AUTHOR, { postId, title: "Revision test", bodyMarkdown: "Version two." });
    const revisions = await db().revision.findMany({ where: { postId }, orderBy: { createdAt: "asc" } });
    expect(revisions.map((revision) => revision.bodyMarkdown)).toEqual(["", "Version one.", "Version two."]);

    await runCommand(restorePostRevision, cast.AUTHOR, { postId, revisionId: revisions[1].id });
    const post = await db().post.findUniqueOrThrow({ where: { id: postId } });
    expect(post.bodyMarkdown).toBe("Version one.");
    expect(post.bodyHtml).toBe("<p>Version one.</p>");
    expect(await db().revision.count({ where: { postId } })).toBe(4);
  });

  it("refuses a revision of another post", async () => {
    const mine = await createTestPost(cast.AUTHOR);
    const theirs = await createTestPost(cast.OTHER);
    await expect(runCommand(restorePostRevision, cast.EDITOR, { postId: mine.id, revisionId: theirs.revisionId })).rejects.toThrow("That revision does not belong to this post.");
  });
});

describe("bad input gets a clear message", () => {
  it("an over-long title", async () => {
    const post = await createTestPost(cast.AUTHOR);
    const error = await editPost(cast.AUTHOR, { postId: post.id, title: "x".repeat(161), bodyMarkdown: "kept" }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error.fieldErrors).toEqual({ title: "The title must be at most 160 characters." });
  });

  it("a duplicate slug", async () => {
    const first = await createTestPost(cast.AUTHOR);
    const second = await createTestPost(cast.AUTHOR);
    const error = await editPost(cast.AUTHOR, { postId: second.id, title: "Anything", slug: first.slug, bodyMarkdown: "kept" }).catch((caught) => caught);
    expect(error).toBeInstanceOf(SlugTakenError);
    expect(error.message).toBe(`Another post already uses the slug “${first.slug}”. Choose a different one.`);
  });

  it("a malformed slug", async () => {
    const post = await createTestPost(cast.AUTHOR);
    await expect(editPost(cast.AUTHOR, { postId: post.id, title: "Anything", slug: "Not A Slug!" })).rejects.toThrow(/lower-case letters, digits and single hyphens/);
  });

  it("a cover image without a description", async () => {
    const post = await createTestPost(cast.AUTHOR);
    const error = await editPost(cast.AUTHOR, { postId: post.id, title: "Anything", coverImageUrl: "/uploads/a.webp" }).catch((caught) => caught);
    expect(error.fieldErrors).toEqual({ coverImageAlt: "Describe the cover image for readers who cannot see it." });
  });

  it("a submission with no text", async () => {
    const { postId } = (await runCommand(createPost, cast.GUEST, { title: "Empty so far" })).data;
    await expect(runCommand(submitPost, cast.GUEST, { postId })).rejects.toThrow("Write the post before submitting it: the text is empty.");
    expect((await db().post.findUniqueOrThrow({ where: { id: postId } })).status).toBe("DRAFT");
  });

  it("a missing title on a new post", async () => {
    await expect(runCommand(createPost, cast.GUEST, { title: "  " })).rejects.toThrow("Give the post a title.");
  });

  it("a schedule in the past", async () => {
    const post = await createTestPost(cast.GUEST, "SUBMITTED");
    await expect(runCommand(schedulePost, cast.EDITOR, { postId: post.id, localDateTime: "2020-01-01T09:00" })).rejects.toThrow("Choose a time in the future, or publish now.");
  });

  it("a guest removing themselves from the byline", async () => {
    const post = await createTestPost(cast.GUEST);
    await expect(editPost(cast.GUEST, { postId: post.id, title: "Mine", coAuthorIds: [cast.OTHER.profileId] })).rejects.toThrow("You cannot remove yourself from the byline.");
  });

  it("an impossible date, or a time the clocks skip", async () => {
    const post = await createTestPost(cast.GUEST, "SUBMITTED");
    for (const localDateTime of ["2030-02-31T09:00", "2030-01-10T25:00", "2030-03-31T01:30"]) {
      await expect(runCommand(schedulePost, cast.EDITOR, { postId: post.id, localDateTime })).rejects.toThrow("That date and time does not exist in UK time. Choose another.");
    }
    expect((await db().post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("SUBMITTED");
  });

  it("a category that no longer exists", async () => {
    const post = await createTestPost(cast.AUTHOR);
    const error = await editPost(cast.AUTHOR, { postId: post.id, title: "Anything", categoryId: "no-such-category" }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error.fieldErrors).toEqual({ categoryId: "Choose another category." });
  });

  it("a writer adding someone else to the byline", async () => {
    for (const writer of [cast.GUEST, cast.AUTHOR]) {
      const post = await createTestPost(writer);
      const error = await editPost(writer, { postId: post.id, title: "Mine", coAuthorIds: [writer.profileId, cast.OTHER.profileId] }).catch((caught) => caught);
      expect(error).toBeInstanceOf(AuthorizationError);
      expect(error.message).toBe("Only an editor can add someone to the byline.");
      expect(await db().postAuthor.count({ where: { postId: post.id } })).toBe(1);
    }
  });

  it("a title whose slug an earlier post has: the draft takes the next free slug instead of failing to save", async () => {
    const title = `Shared title ${Date.now()}`;
    const first = await createTestPost(cast.AUTHOR);
    const derived = (await editPost(cast.AUTHOR, { postId: first.id, title, slug: "" })).data.slug;
    const second = await createTestPost(cast.GUEST);
    const saved = await editPost(cast.GUEST, { postId: second.id, title, slug: derived, bodyMarkdown: "kept" });
    expect(saved.data.slug).toBe(`${derived}-2`);
    expect(await db().post.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ slug: `${derived}-2`, bodyMarkdown: "kept" });
    expect((await editPost(cast.GUEST, { postId: second.id, title, slug: derived, bodyMarkdown: "kept, again" })).data.slug).toBe(`${derived}-2`);
  });

  it("a guest publishing", async () => {
    const post = await createTestPost(cast.GUEST, "SUBMITTED");
    await expect(runCommand(publishPost, cast.GUEST, { postId: post.id })).rejects.toBeInstanceOf(AuthorizationError);
  });
});

describe("editing a published post", () => {
  it("keeps the old address working through a redirect when an update changes the slug", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const saved = await editPost(cast.AUTHOR, { postId: post.id, title: "Renamed", slug: `${post.slug}-renamed`, bodyMarkdown: "Body" });
    expect(saved.tags).toEqual([]);
    expect(await db().redirect.findUnique({ where: { fromPath: `/posts/${post.slug}` } })).toBeNull();
    const result = await runCommand(updatePost, cast.AUTHOR, { postId: post.id, revisionId: saved.data.revisionId });
    expect(result.tags).toEqual(expect.arrayContaining(["posts", `post:${post.slug}`, `post:${post.slug}-renamed`]));
    expect(await db().redirect.findUnique({ where: { fromPath: `/posts/${post.slug}` } })).toMatchObject({ targetType: "POST", targetId: post.id });
  });

  it("closes and reopens comments on the post once updated, refreshing its public page", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const closed = await editPost(cast.AUTHOR, { postId: post.id, title: "Comments closed", bodyMarkdown: "Body", commentsOpen: false });
    expect(await db().post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ commentsOpen: true });
    const updated = await runCommand(updatePost, cast.AUTHOR, { postId: post.id, revisionId: closed.data.revisionId });
    expect(updated.tags).toEqual(expect.arrayContaining([`post:${closed.data.slug}`]));
    expect(await db().post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ commentsOpen: false });
    const reopened = await editPost(cast.AUTHOR, { postId: post.id, title: "Comments closed", bodyMarkdown: "Body" });
    await runCommand(updatePost, cast.AUTHOR, { postId: post.id, revisionId: reopened.data.revisionId });
    expect(await db().post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ commentsOpen: true });
  });

  it("co-authors keep their order", async () => {
    const post = await createTestPost(cast.AUTHOR);
    await editPost(cast.EDITOR, { postId: post.id, title: "Two voices", coAuthorIds: [cast.OTHER.profileId, cast.AUTHOR.profileId] });
    const authors = await db().postAuthor.findMany({ where: { postId: post.id }, orderBy: { position: "asc" } });
    expect(authors.map((author) => author.profileId)).toEqual([cast.OTHER.profileId, cast.AUTHOR.profileId]);
  });

  it("refuses the same co-author twice with a message for the form, changing nothing", async () => {
    const post = await createTestPost(cast.AUTHOR);
    const error = await editPost(cast.EDITOR, { postId: post.id, title: "Twice", coAuthorIds: [cast.AUTHOR.profileId, cast.OTHER.profileId, cast.AUTHOR.profileId] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).fieldErrors.coAuthorIds).toBe("A byline is listed twice: each author is on a post once.");
    expect(await db().post.findUniqueOrThrow({ where: { id: post.id }, select: { title: true } })).toEqual({ title: expect.stringMatching(/^Test post/) });
  });
});

describe("when mail cannot be sent", () => {
  it("submits the post without waiting for mail; the notification waits in the queue and goes once mail works again", async () => {
    const post = await createTestPost(cast.GUEST);
    const subject = `Submitted for review: \u2068${(await db().post.findUniqueOrThrow({ where: { id: post.id } })).title}\u2069`;
    // The outbox folder replaced by a file: every message fails to be written, as a dead SMTP would fail.
    await mkdir(outbox, { recursive: true });
    await rename(outbox, `${outbox}.away`);
    await writeFile(outbox, "not a folder");
    try {
      await expect(runCommand(submitPost, cast.GUEST, { postId: post.id })).resolves.toMatchObject({ message: expect.any(String) });
      await workOffQueuedJobs();
      const queued = await db().$queryRaw<{ state: string; to: string }[]>`
        SELECT state::text, data->>'to' AS "to" FROM pgboss.job WHERE name = 'mail' AND data->>'subject' = ${subject} ORDER BY data->>'to'`;
      expect(queued).toEqual([
        { state: "retry", to: "admin@docket.test" },
        { state: "retry", to: "editor@docket.test" },
      ]);
    } finally {
      await rm(outbox);
      await rename(`${outbox}.away`, outbox);
    }
    expect((await db().post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("SUBMITTED");
    // The retry comes a second later: the worker sends both then.
    const retried = async () => (await newMails()).filter((mail) => mail.subject === subject);
    let mails = await retried();
    while (mails.length < 2) mails = await retried();
    expect(mails.map((mail) => mail.to).sort()).toEqual(["admin@docket.test", "editor@docket.test"]);
  });
});

describe("the review queue", () => {
  it("lists submitted posts only, the longest-waiting first", async () => {
    const newer = await createTestPost(cast.GUEST, "SUBMITTED");
    const older = await createTestPost(cast.AUTHOR, "SUBMITTED");
    await createTestPost(cast.GUEST, "DRAFT");
    await db().post.update({ where: { id: older.id }, data: { submittedAt: new Date(Date.now() - 3 * 86_400_000) } });
    await db().post.update({ where: { id: newer.id }, data: { submittedAt: new Date(Date.now() - 86_400_000) } });
    const queue = await listReviewQueue();
    expect(queue.every((post) => post.status === "SUBMITTED")).toBe(true);
    const ids = queue.map((post) => post.id);
    expect(ids.indexOf(older.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
  });
});

describe("series order", () => {
  it("numbers the series in the editor's order, posts left out following in theirs", async () => {
    const series = await db().series.create({ data: { slug: `order-${Date.now()}`, title: "Order test" } });
    const [a, b, c] = [await createTestPost(cast.AUTHOR, "PUBLISHED", { seriesId: series.id }), await createTestPost(cast.AUTHOR, "PUBLISHED", { seriesId: series.id }), await createTestPost(cast.AUTHOR, "PUBLISHED", { seriesId: series.id })];
    await runCommand(reorderSeries, cast.EDITOR, { seriesId: series.id, postIds: [c.id, a.id, b.id] });
    await runCommand(reorderSeries, cast.EDITOR, { seriesId: series.id, postIds: [b.id] });
    const posts = await db().post.findMany({ where: { seriesId: series.id }, orderBy: { seriesPosition: "asc" }, select: { id: true, seriesPosition: true } });
    expect(posts).toEqual([
      { id: b.id, seriesPosition: 1 },
      { id: c.id, seriesPosition: 2 },
      { id: a.id, seriesPosition: 3 },
    ]);
  });
});

describe("London time", () => {
  it("converts across the clock change", () => {
    expect(fromLondonLocal("2026-01-15T09:00").toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(fromLondonLocal("2026-07-15T09:00").toISOString()).toBe("2026-07-15T08:00:00.000Z");
    expect(toLondonLocal(new Date("2026-07-15T08:00:00Z"))).toBe("2026-07-15T09:00");
  });
});

describe("invisible characters", () => {
  it("saves a draft whose title and text hold NUL, which PostgreSQL cannot store, without it", async () => {
    const post = await createTestPost(cast.AUTHOR);
    const saved = await editPost(cast.AUTHOR, { postId: post.id, title: "Before\u0000after", standfirst: "Lead\u0000in", bodyMarkdown: "One\u0000two", tags: "pro\u0000bation" });
    expect(saved.message).toBe("Saved.");
    expect(await db().post.findUniqueOrThrow({ where: { id: post.id }, select: { title: true, standfirst: true, bodyMarkdown: true } })).toEqual({
      title: "Beforeafter",
      standfirst: "Leadin",
      bodyMarkdown: "Onetwo",
    });
    expect(await db().tag.findFirst({ where: { name: "probation" } })).not.toBeNull();
  });

  it("removes the other control characters from everything typed, keeping tabs and line breaks", async () => {
    const post = await createTestPost(cast.AUTHOR);
    await editPost(cast.AUTHOR, { postId: post.id, title: "Bell\u0007 and\u001B escape", standfirst: "Form\u000Cfeed", bodyMarkdown: "Tab\there\r\nand\u0001 line", tags: "" });
    expect(await db().post.findUniqueOrThrow({ where: { id: post.id }, select: { title: true, standfirst: true, bodyMarkdown: true } })).toEqual({
      title: "Bell and escape",
      standfirst: "Formfeed",
      bodyMarkdown: "Tab\there\r\nand line",
    });
  });
});

describe("the changes-requested email", () => {
  it("keeps the line breaks of a multi-line note in both parts", async () => {
    const post = await createTestPost(cast.AUTHOR, "SUBMITTED");
    const note = "Three things:\n1. Cite the 2025 figures.\n2. Shorten the intro.\n\nThanks!";
    await runCommand(requestChanges, cast.EDITOR, { postId: post.id, body: note });
    const mail = (await newMails()).find((candidate) => candidate.subject.startsWith("Changes requested"));
    const parsed = await simpleParser(mail!.raw);
    expect(parsed.text).toContain(note);
    expect(parsed.html).toContain("Three things:<br>1. Cite the 2025 figures.<br>2. Shorten the intro.<br><br>Thanks!");
  });
});
