// The moderation queue's state changes, who may make them, notifications (through a real SMTP
// server) and housekeeping, on a real database.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/database";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import type { SessionUser } from "@/lib/auth";
import { AuthorizationError } from "@/lib/errors";
import { tags } from "@/lib/cache-tags";
import { verifySignedToken } from "@/lib/signed-links";
import { CommentGoneError, emptyOldSpamAndTrash } from "@/features/comments/mutations";
import { editComment, eraseCommenter, moderateComments, replyAsEditor, saveCommentSettings } from "@/features/comments/moderation/commands";
import { sendPendingCommentsSummary } from "@/features/comments/notifications";
import { unsubscribeByMail } from "@/features/subscriptions/commands";
import { workOffQueuedJobs } from "../helpers/job-queue";
import { countCommentsByStatus, countPendingComments, listApprovedComments, listModerationQueue } from "@/features/comments/data";
import { commentIdFromUnsubscribeSubject } from "@/features/comments/emails";
import { moderationActionSchema } from "@/features/comments/schema";
import { hashIp } from "@/features/comments/signing";
import { createCommentFixtures, TEST_SECRET } from "./comments-fixtures";

let f: Awaited<ReturnType<typeof createCommentFixtures>>;
let smtp: SMTPServer;
const inbox: ParsedMail[] = [];

function startSmtp(): Promise<number> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => inbox.push(mail))
        .then(() => callback(), callback);
    },
  });
  return new Promise((resolve) => {
    smtp.listen(0, "127.0.0.1", () => resolve((smtp.server.address() as { port: number }).port));
  });
}

/** The mails the worker has sent so far (it sends what is queued first). */
async function delivered(): Promise<ParsedMail[]> {
  await workOffQueuedJobs();
  return inbox;
}
const recipients = async () => (await delivered()).map((mail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text).sort();

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = TEST_SECRET;
  process.env.SITE_URL = "http://docket.test";
  process.env.SMTP_URL = `smtp://127.0.0.1:${await startSmtp()}`;
  await useTestDatabase();
  f = await createCommentFixtures();
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});
beforeEach(async () => {
  await db().comment.deleteMany();
  await db().setting.deleteMany();
  await db().auditLog.deleteMany();
  await workOffQueuedJobs();
  inbox.length = 0;
});

let sequence = 0;
async function comment(data: Partial<{ status: "PENDING" | "APPROVED" | "SPAM" | "TRASH"; parentId: string; authorEmail: string; notifyReplies: boolean; ipHash: string; statusChangedAt: Date; body: string; postId: string }> = {}) {
  sequence += 1;
  return db().comment.create({
    data: {
      postId: data.postId ?? f.post.id,
      authorName: `Commenter ${sequence}`,
      authorEmail: data.authorEmail ?? `c${sequence}@example.org`,
      body: data.body ?? `Comment number ${sequence}`,
      status: data.status ?? "PENDING",
      heldReason: (data.status ?? "PENDING") === "PENDING" ? "first comment" : null,
      parentId: data.parentId,
      notifyReplies: data.notifyReplies ?? false,
      ipHash: data.ipHash,
      statusChangedAt: data.statusChangedAt,
      createdAt: new Date(Date.now() - (1000 - sequence) * 1000),
    },
  });
}

const statusOf = async (id: string) => (await db().comment.findUniqueOrThrow({ where: { id } })).status;

describe("who may moderate", () => {
  const refused: [string, () => SessionUser | null][] = [
    ["signed out", () => null],
    ["a guest author", () => f.guest],
    ["an author (even of the post)", () => f.author],
  ];

  for (const [who, actor] of refused) {
    it(`refuses every moderation action to ${who}`, async () => {
      const target = await comment();
      for (const action of moderationActionSchema.options) {
        await expect(runCommand(moderateComments, actor(), { ids: [target.id], action })).rejects.toBeInstanceOf(AuthorizationError);
      }
      await expect(runCommand(editComment, actor(), { commentId: target.id, authorName: "X", body: "Changed" })).rejects.toBeInstanceOf(AuthorizationError);
      await expect(runCommand(replyAsEditor, actor(), { parentId: target.id, body: "Reply" })).rejects.toBeInstanceOf(AuthorizationError);
      await expect(runCommand(eraseCommenter, actor(), { email: target.authorEmail })).rejects.toBeInstanceOf(AuthorizationError);
      await expect(runCommand(saveCommentSettings, actor(), { maxLinks: 9 })).rejects.toBeInstanceOf(AuthorizationError);
      const after = await db().comment.findUniqueOrThrow({ where: { id: target.id } });
      expect(after).toMatchObject({ status: "PENDING", body: target.body });
      expect(await db().comment.count()).toBe(1);
      expect(await db().setting.count()).toBe(0);
    });
  }

  it("allows editors and admins", async () => {
    const a = await comment();
    const b = await comment();
    expect(await runCommand(moderateComments, f.editor, { ids: [a.id], action: "approve" })).toMatchObject({ data: { changed: 1 } });
    expect(await runCommand(moderateComments, f.admin, { ids: [b.id], action: "approve" })).toMatchObject({ data: { changed: 1 } });
  });
});

describe("state changes", () => {
  it("approves a held comment: clears the reason, names the post's cache tags, and shows it publicly", async () => {
    const held = await comment();
    const result = await runCommand(moderateComments, f.editor, { ids: [held.id], action: "approve" });
    expect(result.tags).toEqual(expect.arrayContaining([tags.comments(f.post.id), tags.post(f.post.slug)]));
    const after = await db().comment.findUniqueOrThrow({ where: { id: held.id } });
    expect(after).toMatchObject({ status: "APPROVED", heldReason: null });
    expect(after.statusChangedAt.getTime()).toBeGreaterThan(held.statusChangedAt.getTime());
    expect((await listApprovedComments(f.post.id)).map((c) => c.id)).toEqual([held.id]);
  });

  it("moves comments between every status, and refreshes the public page only when a visible comment changes", async () => {
    const c = await comment();
    expect((await runCommand(moderateComments, f.editor, { ids: [c.id], action: "spam" })).tags).toEqual([]);
    expect(await statusOf(c.id)).toBe("SPAM");
    await runCommand(moderateComments, f.editor, { ids: [c.id], action: "restore" });
    expect(await statusOf(c.id)).toBe("PENDING");
    await runCommand(moderateComments, f.editor, { ids: [c.id], action: "trash" });
    expect(await statusOf(c.id)).toBe("TRASH");
    await runCommand(moderateComments, f.editor, { ids: [c.id], action: "restore" });
    await runCommand(moderateComments, f.editor, { ids: [c.id], action: "approve" });
    expect((await runCommand(moderateComments, f.editor, { ids: [c.id], action: "unapprove" })).tags).toContain(tags.comments(f.post.id));
    expect(await statusOf(c.id)).toBe("PENDING");
    await runCommand(moderateComments, f.editor, { ids: [c.id], action: "approve" });
    expect((await runCommand(moderateComments, f.editor, { ids: [c.id], action: "trash" })).tags).toContain(tags.post(f.post.slug));
    expect(await listApprovedComments(f.post.id)).toEqual([]);
    expect(await runCommand(moderateComments, f.editor, { ids: [c.id], action: "trash" })).toMatchObject({ tags: [], data: { changed: 0 } });
  });

  it("applies a bulk action to every selected comment", async () => {
    const ids = (await Promise.all([comment(), comment(), comment()])).map((c) => c.id);
    const untouched = await comment();
    expect(await runCommand(moderateComments, f.editor, { ids, action: "spam" })).toMatchObject({ data: { changed: 3 } });
    expect(await countCommentsByStatus()).toEqual({ PENDING: 1, APPROVED: 0, SPAM: 3, TRASH: 0 });
    expect(await countPendingComments()).toBe(1);
    expect(await statusOf(untouched.id)).toBe("PENDING");
  });

  it("lists the queue with post, email, held reason and the IP hash's history", async () => {
    const ip = hashIp("203.0.113.5");
    await comment({ status: "APPROVED", ipHash: ip });
    await comment({ status: "APPROVED", ipHash: ip });
    await comment({ status: "SPAM", ipHash: ip });
    const held = await comment({ ipHash: ip, authorEmail: "held@example.org" });
    await comment({ authorEmail: "no-ip@example.org" });
    const queue = await listModerationQueue("PENDING");
    expect(queue.total).toBe(2);
    expect(queue.comments[0]).toMatchObject({
      id: held.id,
      authorEmail: "held@example.org",
      heldReason: "first comment",
      post: { slug: f.post.slug, title: "Post open-post" },
      ipHistory: { approved: 2, spam: 1 },
    });
    expect(queue.comments[1].ipHistory).toBeNull();
  });

  it("edits a comment's name, website and text", async () => {
    const c = await comment({ status: "APPROVED" });
    const result = await runCommand(editComment, f.editor, { commentId: c.id, authorName: "Renamed", authorUrl: "https://renamed.example", body: "Edited text" });
    expect(result.tags).toContain(tags.comments(f.post.id));
    expect(await db().comment.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      authorName: "Renamed",
      authorUrl: "https://renamed.example",
      body: "Edited text",
    });
  });

  it("publishes an editor's reply at once, nested under the comment, and approves a held parent", async () => {
    const held = await comment();
    const { commentId } = (await runCommand(replyAsEditor, f.editor, { parentId: held.id, body: "Thanks, noted." })).data;
    expect(await statusOf(held.id)).toBe("APPROVED");
    const reply = await db().comment.findUniqueOrThrow({ where: { id: commentId } });
    expect(reply).toMatchObject({ parentId: held.id, status: "APPROVED", userId: f.editor.id, authorName: "Eddie Editor", postId: f.post.id });
    expect((await listApprovedComments(f.post.id)).map((c) => c.id)).toEqual([held.id, commentId]);
  });

  it("explains that a comment erased meanwhile is gone, for an edit or a reply", async () => {
    const gone = await comment();
    await db().comment.delete({ where: { id: gone.id } });
    await expect(runCommand(editComment, f.editor, { commentId: gone.id, authorName: "X", body: "Edited" })).rejects.toThrow(CommentGoneError);
    await expect(runCommand(replyAsEditor, f.editor, { parentId: gone.id, body: "Too late" })).rejects.toThrow("That comment no longer exists");
    expect(await db().comment.count({ where: { body: "Too late" } })).toBe(0);
  });
});

describe("the audit log", () => {
  it("records every moderation change, who made it and what the comment was before", async () => {
    const [held, another, reply] = [await comment(), await comment(), await comment()];
    await runCommand(moderateComments, f.editor, { ids: [held.id], action: "approve" });
    await runCommand(moderateComments, f.editor, { ids: [another.id, reply.id], action: "spam" });
    await runCommand(editComment, f.editor, { commentId: held.id, authorName: "Renamed", body: "Edited words" });
    await runCommand(moderateComments, f.editor, { ids: [another.id], action: "trash" });
    const { data } = await runCommand(replyAsEditor, f.editor, { parentId: reply.id, body: "An editor's reply" });
    await runCommand(saveCommentSettings, f.editor, { maxLinks: 3 });
    const entries = await db().auditLog.findMany({ select: { action: true, entityId: true, actorId: true, details: true } });
    // Entries written in one transaction share its time: compared in any order.
    const sorted = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();
    expect(sorted(entries.map(({ action, entityId, details }) => [action, entityId, details]))).toEqual(sorted([
      ["comment.approved", held.id, { from: "PENDING" }],
      ["comment.marked-spam", another.id, { from: "PENDING" }],
      ["comment.marked-spam", reply.id, { from: "PENDING" }],
      ["comment.edited", held.id, null],
      ["comment.trashed", another.id, { from: "SPAM" }],
      ["comment.approved", reply.id, { byReply: true }],
      ["comment.replied", data.commentId, null],
      ["comments.settings-saved", "comments", null],
    ]));
    expect(new Set(entries.map((entry) => entry.actorId))).toEqual(new Set([f.editor.id]));
  });

  it("records nothing for an action that changed nothing", async () => {
    const approved = await comment({ status: "APPROVED" });
    await runCommand(moderateComments, f.editor, { ids: [approved.id], action: "approve" });
    expect(await db().auditLog.count()).toBe(0);
  });
});

describe("notifications", () => {
  it("emails the post's authors with a login when a comment on their post is approved", async () => {
    const c = await comment({ body: "A **fair** point <script>x</script>" });
    await runCommand(moderateComments, f.editor, { ids: [c.id], action: "approve" });
    expect(await recipients()).toEqual(["author@docket.test", "coauthor@docket.test"]);
    const mail = inbox[0];
    // The title is set apart from the words around it (U+2068 … U+2069): right-to-left text in it reorders nothing else.
    expect(mail.subject).toBe("New comment on “\u2068Post open-post\u2069”");
    expect(mail.text).toContain("A **fair** point <script>x</script>");
    expect(mail.html).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(mail.html).not.toContain("<script>");
    expect(mail.text).toContain(`http://docket.test/posts/open-post#comment-${c.id}`);
  });

  it("does not email an author about their own comment", async () => {
    const own = await db().comment.create({
      data: { postId: f.post.id, authorName: "Aria", authorEmail: "author@docket.test", body: "Author's note", userId: f.author.id },
    });
    await runCommand(moderateComments, f.editor, { ids: [own.id], action: "approve" });
    expect(await recipients()).toEqual(["coauthor@docket.test"]);
  });

  it("emails a commenter who asked about replies, with a one-click unsubscribe that works", async () => {
    const parent = await comment({ status: "APPROVED", authorEmail: "asker@example.org", notifyReplies: true });
    const quiet = await comment({ status: "APPROVED", authorEmail: "asker@example.org", notifyReplies: true });
    const reply = await comment({ parentId: parent.id, authorEmail: "replier@example.org" });
    await runCommand(moderateComments, f.editor, { ids: [reply.id], action: "approve" });
    const toAsker = (await delivered()).find((mail) => mail.subject?.startsWith("New reply"));
    expect(toAsker?.to).toMatchObject({ text: "asker@example.org" });
    const header = (name: string) => toAsker?.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, "");
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const link = header("list-unsubscribe")!.match(/<(http[^>]+)>/)![1];
    expect(link).toMatch(/^http:\/\/docket\.test\/api\/comments\/unsubscribe\?token=/);
    expect(toAsker?.text).toContain(link);
    const check = verifySignedToken(new URL(link).searchParams.get("token"), "unsubscribe");
    expect(check.ok && commentIdFromUnsubscribeSubject(check.subject)).toBe(parent.id);

    // Replying to the mailto: address does the same once the mail system passes the message on.
    const mailto = new URL(header("list-unsubscribe")!.match(/<(mailto:[^>]+)>/)![1]);
    const sentBack = `From: asker@example.org\r\nTo: ${mailto.pathname}\r\nSubject: ${mailto.searchParams.get("subject")}\r\n\r\nStop please.`;
    expect((await runCommand(unsubscribeByMail, null, { raw: Buffer.from(sentBack) })).data.outcome).toBe("replies-stopped");
    expect((await db().comment.findUniqueOrThrow({ where: { id: quiet.id } })).notifyReplies).toBe(false);
    inbox.length = 0;
    const second = await comment({ parentId: parent.id, authorEmail: "another@example.org" });
    await runCommand(moderateComments, f.editor, { ids: [second.id], action: "approve" });
    expect(await recipients()).not.toContain("asker@example.org");
  });

  it("does not email about replies to someone who did not ask, or about held replies", async () => {
    const parent = await comment({ status: "APPROVED", authorEmail: "silent@example.org" });
    const askingParent = await comment({ status: "APPROVED", authorEmail: "asker2@example.org", notifyReplies: true });
    const reply = await comment({ parentId: parent.id });
    await comment({ parentId: askingParent.id });
    await runCommand(moderateComments, f.editor, { ids: [reply.id], action: "approve" });
    expect(await recipients()).not.toContain("silent@example.org");
    expect(await recipients()).not.toContain("asker2@example.org");
  });

  it("sends editors at most one summary of new held comments an hour", async () => {
    const start = new Date();
    await comment();
    await comment();
    expect(await sendPendingCommentsSummary(start)).toBe(2);
    expect(await recipients()).toEqual(["admin@docket.test", "editor@docket.test"]);
    expect(inbox[0].subject).toMatch(/^2 new comments awaiting moderation/);
    expect(inbox[0].text).toContain("http://docket.test/admin/comments");

    inbox.length = 0;
    await db().comment.create({
      data: { postId: f.post.id, authorName: "Later", authorEmail: "later@example.org", body: "Later", createdAt: new Date(start.getTime() + 60_000) },
    });
    expect(await sendPendingCommentsSummary(new Date(start.getTime() + 30 * 60_000))).toBe(0);
    expect(await delivered()).toHaveLength(0);
    expect(await sendPendingCommentsSummary(new Date(start.getTime() + 61 * 60_000))).toBe(1);
    expect(await delivered()).toHaveLength(2);
    inbox.length = 0;
    expect(await sendPendingCommentsSummary(new Date(start.getTime() + 200 * 60_000))).toBe(0);
    expect(await delivered()).toHaveLength(0);
  });
});

describe("erasure and housekeeping", () => {
  it("erases every comment written with an address, keeps other people's replies, and logs it without the address", async () => {
    const mine = await comment({ status: "APPROVED", authorEmail: "erase-me@example.org" });
    await comment({ status: "SPAM", authorEmail: "Erase-Me@example.org" });
    const replyToMine = await comment({ status: "APPROVED", parentId: mine.id, authorEmail: "friend@example.org" });
    const result = await runCommand(eraseCommenter, f.editor, { email: "ERASE-ME@example.org" });
    expect(result.data.changed).toBe(2);
    expect(result.tags).toContain(tags.comments(f.post.id));
    expect(await db().comment.count({ where: { authorEmail: { contains: "erase-me", mode: "insensitive" } } })).toBe(0);
    expect(await db().comment.findUniqueOrThrow({ where: { id: replyToMine.id } })).toMatchObject({ parentId: null, status: "APPROVED" });
    const log = await db().auditLog.findFirstOrThrow({ where: { action: "comments.erase-commenter" } });
    expect(log).toMatchObject({ actorId: f.editor.id, entityType: "Commenter", details: { deletedComments: 2 } });
    expect(JSON.stringify(log)).not.toContain("erase-me");
  });

  it("empties spam and trash 30 days after they were moved there, lifting replies to the nearest survivor", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 31 * 24 * 60 * 60 * 1000);
    const recent = new Date(now.getTime() - 29 * 24 * 60 * 60 * 1000);
    const root = await comment({ status: "APPROVED" });
    const oldTrash = await comment({ status: "TRASH", statusChangedAt: old, parentId: root.id });
    const oldSpam = await comment({ status: "SPAM", statusChangedAt: old, parentId: oldTrash.id });
    const survivor = await comment({ status: "APPROVED", parentId: oldSpam.id });
    const recentTrash = await comment({ status: "TRASH", statusChangedAt: recent });
    const oldApproved = await comment({ status: "APPROVED", statusChangedAt: old });
    expect(await emptyOldSpamAndTrash(now)).toBe(2);
    const left = await db().comment.findMany({ select: { id: true } });
    expect(left.map((c) => c.id).sort()).toEqual([root.id, survivor.id, recentTrash.id, oldApproved.id].sort());
    expect((await db().comment.findUniqueOrThrow({ where: { id: survivor.id } })).parentId).toBe(root.id);
  });
});
