// Every submission rule through the real mutation and a real database.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/database";
import { db } from "@/lib/db";
import { renderCommentMarkdown } from "@/lib/markdown";
import { tags } from "@/lib/cache-tags";
import { runCommand } from "@/lib/action";
import { submitComment } from "@/features/comments/submission";
import { saveCommentSettings } from "@/features/comments/moderation/commands";
import { listApprovedComments, listOwnPendingComments } from "@/features/comments/data";
import { COMMENT_LIMITS } from "@/features/comments/form-state";
import { commentFormSchema } from "@/features/comments/schema";
import { createFormToken } from "@/features/comments/signing";
import { commentForm, createCommentFixtures, ipFor, TEST_SECRET } from "./comments-fixtures";

let f: Awaited<ReturnType<typeof createCommentFixtures>>;
let clock: number;
/** Each call is a minute after the previous one, so the flood rule only fires where a test wants it. */
const tick = (seconds = 60) => new Date((clock += seconds * 1000));

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = TEST_SECRET;
  await useTestDatabase();
  f = await createCommentFixtures();
});

beforeEach(async () => {
  clock = Date.parse("2026-11-20T10:00:00Z");
  await db().comment.deleteMany();
  await db().rateLimitCounter.deleteMany();
  await db().setting.deleteMany();
});

async function submit(overrides: Parameters<typeof commentForm>[2] = {}, options: { ip?: string; now?: Date; viewer?: typeof f.editor | null } = {}) {
  const now = options.now ?? tick();
  return submitComment({
    submission: commentForm(overrides.postId ?? f.post.id, now, overrides),
    ...ipFor(options.ip ?? "203.0.113.7"),
    viewer: options.viewer ?? null,
    now,
  });
}

async function approvedCommentBy(email: string) {
  await db().comment.create({
    data: { postId: f.post.id, authorName: "Earlier", authorEmail: email, body: "Earlier approved comment", status: "APPROVED", createdAt: tick(-3600) },
  });
}

describe("who gets held, approved or refused", () => {
  it("holds a first-time commenter's comment with the reason", async () => {
    const result = await submit();
    expect(result).toMatchObject({ ok: true, status: "PENDING", reason: "first comment", tagsToInvalidate: [] });
    const stored = await db().comment.findUniqueOrThrow({ where: { id: result.ok ? result.commentId : "" } });
    expect(stored).toMatchObject({ status: "PENDING", heldReason: "first comment", authorEmail: "rita@example.org" });
  });

  it("approves a commenter who has an earlier approved comment with the same email, and names the tags to refresh", async () => {
    await approvedCommentBy("rita@example.org");
    const result = await submit({ authorEmail: "Rita@Example.org" });
    expect(result).toMatchObject({ ok: true, status: "APPROVED", reason: null });
    expect(result.ok && result.tagsToInvalidate).toEqual(expect.arrayContaining([tags.comments(f.post.id), tags.post(f.post.slug)]));
  });

  it("holds a commenter whose earlier comments were only held, spam or trash: only an approved one counts", async () => {
    for (const status of ["PENDING", "SPAM", "TRASH"] as const) {
      const email = `earlier-${status.toLowerCase()}@example.org`;
      await db().comment.create({ data: { postId: f.post.id, authorName: "Earlier", authorEmail: email, body: `Earlier ${status}`, status, createdAt: new Date(clock - 3600_000) } });
      const result = await submit({ authorEmail: email, body: `Again after ${status}` }, { ip: `198.51.100.${status.length}` });
      expect(result, status).toMatchObject({ ok: true, status: "PENDING", reason: "first comment" });
    }
  });

  it("approves the post's authors and editors when signed in, but not other signed-in guests", async () => {
    expect(await submit({ body: "From the author" }, { viewer: f.author })).toMatchObject({ status: "APPROVED" });
    expect(await submit({ body: "From the co-author" }, { viewer: f.coAuthor })).toMatchObject({ status: "APPROVED" });
    expect(await submit({ body: "From the editor" }, { viewer: f.editor })).toMatchObject({ status: "APPROVED" });
    expect(await submit({ body: "From the admin" }, { viewer: f.admin })).toMatchObject({ status: "APPROVED" });
    expect(await submit({ body: "From a guest", authorEmail: "gus@example.org" }, { viewer: f.guest })).toMatchObject({
      status: "PENDING",
      reason: "first comment",
    });
    const byAuthor = await db().comment.findFirstOrThrow({ where: { body: "From the author" } });
    expect(byAuthor.userId).toBe(f.author.id);
  });

  it("holds a comment with as many links as the threshold (default 2), even from an approved commenter", async () => {
    await approvedCommentBy("rita@example.org");
    expect(await submit({ body: "One link: https://example.org/a" })).toMatchObject({ status: "APPROVED" });
    expect(await submit({ body: "Two: https://example.org/a and [b](https://example.org/b)" })).toMatchObject({
      status: "PENDING",
      reason: "2 links",
    });
    await runCommand(saveCommentSettings, f.editor, { maxLinks: 4 });
    expect(await submit({ body: "Three: www.example.org https://example.org/x http://example.org/y" })).toMatchObject({
      status: "APPROVED",
    });
  });

  it("holds a comment matching the moderation list, with the matched entry as reason", async () => {
    await approvedCommentBy("rita@example.org");
    await runCommand(saveCommentSettings, f.editor, { moderationList: ["Bent Copper"] });
    expect(await submit({ body: "The officer is a bent copper, frankly." })).toMatchObject({
      status: "PENDING",
      reason: "moderation list: “Bent Copper”",
    });
  });

  it("marks a comment as spam when a disallowed word is in any field, or the IP is on the list", async () => {
    await runCommand(saveCommentSettings, f.editor, { disallowedList: ["casino", "198.51.100.23"] });
    expect(await submit({ body: "Great post. Visit my CASINO." })).toMatchObject({ status: "SPAM", reason: "disallowed list: “casino”" });
    expect(await submit({ body: "Hello", authorUrl: "https://best-casino.example" })).toMatchObject({ status: "SPAM" });
    expect(await submit({ body: "Looks innocent", authorEmail: "other@example.org" }, { ip: "198.51.100.23" })).toMatchObject({
      status: "SPAM",
      reason: "disallowed list: “198.51.100.23”",
    });
    expect(await submit({ body: "Nothing wrong here", authorEmail: "third@example.org" })).toMatchObject({ status: "PENDING" });
  });

  it("rejects invalid stored settings and keeps the defaults", async () => {
    await expect(runCommand(saveCommentSettings, f.editor, { maxLinks: 0 })).rejects.toThrow();
    await db().setting.create({ data: { key: "comments", value: { maxLinks: "lots" } } });
    expect(await submit({ body: "a https://x.example b https://y.example" })).toMatchObject({ status: "PENDING", reason: "2 links" });
  });
});

describe("bots", () => {
  it("stores a comment with the honeypot filled as spam, and answers as if it were held", async () => {
    const result = await submit({ honeypot: "http://spam.example" });
    expect(result).toMatchObject({ ok: true, status: "SPAM", reason: "honeypot field filled" });
    expect(await db().comment.count({ where: { status: "SPAM" } })).toBe(1);
  });

  it("stores a comment submitted less than 3 s after the form was rendered as spam", async () => {
    const now = tick();
    const result = await submit({ formToken: createFormToken(new Date(now.getTime() - 1500)) }, { now });
    expect(result).toMatchObject({ ok: true, status: "SPAM" });
    expect(result.ok && result.reason).toMatch(/^submitted 1\.5 s after the form loaded$/);
  });

  it("stores a comment with a forged form timestamp as spam", async () => {
    const forged = `${(clock - 60_000).toString(36)}.not-the-signature`;
    expect(await submit({ formToken: forged })).toMatchObject({ status: "SPAM", reason: "forged form token" });
  });

  it("holds, but does not spam, a comment sent without the timestamp (a browser without JavaScript)", async () => {
    await approvedCommentBy("rita@example.org");
    expect(await submit({ formToken: undefined })).toMatchObject({ status: "PENDING", reason: "sent without the form's timestamp" });
  });
});

describe("refusals", () => {
  it("refuses a duplicate (same post, parent, email and text) with a clear message", async () => {
    await submit({ body: "Same words" });
    const again = await submit({ body: "Same words" });
    expect(again).toEqual({ ok: false, refusal: "duplicate", message: "You have already posted this comment.", httpStatus: 409 });
    expect(await submit({ body: "Same words", authorEmail: "someone-else@example.org" }, { ip: "192.0.2.1" })).toMatchObject({ ok: true });
    expect(await db().comment.count()).toBe(2);
  });

  it("refuses a second comment from the same email or the same IP within 15 s (HTTP 429)", async () => {
    const first = tick();
    await submit({ body: "First" }, { now: first });
    const sameEmail = await submit({ body: "Second", }, { now: new Date(first.getTime() + 10_000), ip: "192.0.2.99" });
    expect(sameEmail).toMatchObject({ ok: false, refusal: "flood", httpStatus: 429 });
    expect(sameEmail.ok === false && sameEmail.message).toMatch(/too quickly/);
    const sameIp = await submit({ body: "Third", authorEmail: "sock@example.org" }, { now: new Date(first.getTime() + 14_000) });
    expect(sameIp).toMatchObject({ ok: false, refusal: "flood" });
    expect(await submit({ body: "Fourth" }, { now: new Date(first.getTime() + 16_000) })).toMatchObject({ ok: true });
  });

  it("limits comments per IP address per hour", async () => {
    await runCommand(saveCommentSettings, f.editor, { commentsPerHourPerIp: 2 });
    expect(await submit({ body: "One", authorEmail: "a@example.org" })).toMatchObject({ ok: true });
    expect(await submit({ body: "Two", authorEmail: "b@example.org" })).toMatchObject({ ok: true });
    expect(await submit({ body: "Three", authorEmail: "c@example.org" })).toMatchObject({ ok: false, refusal: "rate-limited", httpStatus: 429 });
    expect(await submit({ body: "Three", authorEmail: "c@example.org" }, { ip: "192.0.2.50" })).toMatchObject({ ok: true });
  });

  it("refuses comments on a post closed by its own switch", async () => {
    expect(await submit({ postId: f.closedPost.id })).toMatchObject({ ok: false, refusal: "closed", message: "Comments are closed on this post." });
  });

  it("refuses comments once the site's close-after-N-days setting has passed (off by default)", async () => {
    expect(await submit({ postId: f.oldPost.id, body: "Still open" })).toMatchObject({ ok: true });
    await runCommand(saveCommentSettings, f.editor, { closeAfterDays: 30 });
    expect(await submit({ postId: f.oldPost.id, body: "Now closed" })).toMatchObject({ ok: false, refusal: "closed" });
    expect(await submit({ postId: f.post.id, body: "Recent post still open" })).toMatchObject({ ok: true });
  });

  it("refuses comments on a post that is not published, or does not exist", async () => {
    expect(await submit({ postId: f.draft.id })).toMatchObject({ ok: false, refusal: "no-post", httpStatus: 404 });
    expect(await submit({ postId: "nonexistent" })).toMatchObject({ ok: false, refusal: "no-post" });
  });
});

describe("replies", () => {
  it("nests a reply under an approved comment of the same post, up to the configured depth", async () => {
    await approvedCommentBy("rita@example.org");
    const root = await submit({ body: "Root" });
    const reply = await submit({ body: "Reply", parentId: root.ok ? root.commentId : "" });
    expect(reply).toMatchObject({ ok: true, status: "APPROVED" });
    const stored = await db().comment.findUniqueOrThrow({ where: { id: reply.ok ? reply.commentId : "" } });
    expect(stored.parentId).toBe(root.ok && root.commentId);

    await runCommand(saveCommentSettings, f.editor, { maxDepth: 2 });
    const tooDeep = await submit({ body: "Third level", parentId: reply.ok ? reply.commentId : "" });
    expect(tooDeep).toMatchObject({ ok: false, refusal: "too-deep" });
  });

  it("refuses a reply to a held comment or to a comment on another post", async () => {
    const held = await submit({ body: "Held", authorEmail: "new@example.org" });
    expect(await submit({ body: "Reply to held", parentId: held.ok ? held.commentId : "" })).toMatchObject({
      ok: false,
      refusal: "bad-parent",
    });
    const elsewhere = await db().comment.create({
      data: { postId: f.oldPost.id, authorName: "X", authorEmail: "x@example.org", body: "Elsewhere", status: "APPROVED" },
    });
    expect(await submit({ body: "Cross-post reply", parentId: elsewhere.id })).toMatchObject({ ok: false, refusal: "bad-parent" });
  });
});

describe("hostile input and privacy", () => {
  const hostile = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(2)">link</a>',
    "Control \u0000\u0007\u001b characters",
    "Right-to-left \u202Egnp.exe\u202C override",
  ].join("\n\n");

  it("stores hostile text intact, and renders it inert", async () => {
    await approvedCommentBy("mallory@example.org");
    const result = await submit({ body: hostile, authorName: "<b onmouseover=alert(1)>Mallory\u202E</b>", authorEmail: "mallory@example.org" });
    expect(result).toMatchObject({ ok: true, status: "APPROVED" });
    const stored = await db().comment.findUniqueOrThrow({ where: { id: result.ok ? result.commentId : "" } });
    // Everything is kept except control characters: NUL, which PostgreSQL text cannot hold, becomes
    // U+FFFD; the others (here BEL and ESC) go.
    expect(stored.body).toBe(hostile.replace("\u0000\u0007\u001b", "\uFFFD"));
    expect(stored.authorName).toBe("<b onmouseover=alert(1)>Mallory\u202E</b>");
    const html = renderCommentMarkdown(stored.body);
    expect(html).not.toMatch(/<(script|img)\b/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/<a[^>]*href="javascript:/i);
    expect(html).toContain("&#x3C;script>alert('x')&#x3C;/script>");
    expect(html).toContain("<a>click me</a>");
  });

  it("refuses over-long input with a clear message per field", () => {
    const result = commentFormSchema.safeParse({
      postId: f.post.id,
      authorName: "n".repeat(COMMENT_LIMITS.name + 1),
      authorEmail: "not-an-email",
      authorUrl: "javascript:alert(1)",
      body: "b".repeat(COMMENT_LIMITS.body + 1),
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({
      authorName: `Your name is too long: at most ${COMMENT_LIMITS.name} characters.`,
      authorEmail: "Enter a valid email address, like name@example.org.",
      authorUrl: "Enter a website address starting with http:// or https://, or leave it empty.",
      body: `Your comment is too long: at most ${COMMENT_LIMITS.body} characters.`,
    });
    const empty = commentFormSchema.safeParse({ postId: f.post.id, authorName: " ", authorEmail: "", body: "  " });
    expect(empty.error!.issues.map((issue) => issue.message)).toEqual(["Enter your name.", "Enter your email address.", "Write your comment."]);
  });

  it("stores only a keyed hash of the IP and keeps emails and hashes out of the public thread", async () => {
    await approvedCommentBy("rita@example.org");
    const result = await submit({ body: "Public" }, { ip: "203.0.113.250" });
    const row = await db().comment.findUniqueOrThrow({ where: { id: result.ok ? result.commentId : "" } });
    expect(row.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain("203.0.113.250");
    const thread = await listApprovedComments(f.post.id);
    expect(thread.map((comment) => comment.body)).toContain("Public");
    expect(JSON.stringify(thread)).not.toMatch(/@example\.org|[0-9a-f]{64}/);
  });

  it("shows a commenter only their own held comments, never other people's", async () => {
    const mine = await submit({ body: "Mine, held" });
    await submit({ body: "Someone else's, held", authorEmail: "other@example.org" }, { ip: "192.0.2.77" });
    const spam = await submit({ body: "Mine, silently spam", honeypot: "x" }, { ip: "192.0.2.78", now: tick() });
    const visible = await listOwnPendingComments(f.post.id, [mine.ok ? mine.commentId : "", spam.ok ? spam.commentId : ""]);
    expect(visible.map((comment) => comment.body)).toEqual(["Mine, held", "Mine, silently spam"]);
    expect(await listApprovedComments(f.post.id)).toEqual([]);
  });
});
