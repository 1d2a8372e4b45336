// Comments and the legal desk: a comment holding a protected term (in any form), and every comment on a
// post linked to an active case, is held by the comment rules and never approved: not by an editor's
// approve, not by the queue's bulk approve, not by replying to it.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/database";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import { submitComment } from "@/features/comments/submission";
import { moderateComments, replyAsEditor } from "@/features/comments/moderation/commands";
import { linkPostToLegalCase, saveLegalCase } from "@/features/legal/commands";
import { commentForm, createCommentFixtures, ipFor, TEST_SECRET } from "./comments-fixtures";

let f: Awaited<ReturnType<typeof createCommentFixtures>>;
let clock = Date.parse("2026-11-20T10:00:00Z");
const tick = () => new Date((clock += 120_000));

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = TEST_SECRET;
  await useTestDatabase();
  f = await createCommentFixtures();
  await runCommand(saveLegalCase, f.editor, { name: "R v Child", state: "ACTIVE", protectedTerms: "Tommy Atkins\nSt Bede's School" });
});

let reader = 0;
async function submit(body: string, options: { postId?: string; viewer?: typeof f.editor | null; authorName?: string } = {}) {
  const now = tick();
  reader += 1;
  // A reader with an approved comment already, so the ordinary rules would publish this one at once.
  const authorEmail = `reader${reader}@example.org`;
  await db().comment.create({ data: { postId: f.oldPost.id, authorName: "Known", authorEmail, body: "Earlier.", status: "APPROVED", createdAt: new Date("2026-01-01T00:00:00Z") } });
  const result = await submitComment({ submission: commentForm(options.postId ?? f.post.id, now, { body, authorEmail, ...(options.authorName ? { authorName: options.authorName } : {}) }), ...ipFor(`203.0.113.${reader}`), viewer: options.viewer ?? null, now });
  if (!result.ok) throw new Error(result.message);
  return db().comment.findUniqueOrThrow({ where: { id: result.commentId }, select: { id: true, status: true, heldReason: true } });
}

describe("comments and the legal desk", () => {
  it("publishes an ordinary comment from a known reader at once (the rules are unchanged)", async () => {
    expect((await submit("Sentencing guidelines matter.")).status).toBe("APPROVED");
  });

  it("holds a comment naming a protected term in any form, even an editor's", async () => {
    for (const body of ["I taught TOMMY\nATKINS.", "Tommy Atkins's mother spoke.", "At St. Bede’s school there was talk.", "Tómmy-Atkins again"]) {
      const comment = await submit(body);
      expect({ body, status: comment.status, reason: comment.heldReason }).toEqual({ body, status: "PENDING", reason: "legal: a protected name or term in the comment" });
    }
    expect((await submit("Hello", { authorName: "Tommy Atkins" })).heldReason).toBe("legal: a protected name or term in the commenter's name");
    expect((await submit("As an editor: Tommy Atkins.", { viewer: f.editor })).status).toBe("PENDING");
    // Not a protected name.
    expect((await submit("Tommy Atkinson wrote in.")).status).toBe("APPROVED");
  });

  it("never approves such a comment: one by one, in bulk, or by replying to it", async () => {
    const bad = await submit("Tommy Atkins is the boy.");
    const fine = await db().comment.create({ data: { postId: f.post.id, authorName: "New", authorEmail: "new@example.org", body: "A first comment.", status: "PENDING" } });

    const one = await runCommand(moderateComments, f.editor, { ids: [bad.id], action: "approve" });
    expect(one.data.changed).toBe(0);
    expect(one.message).toContain("stayed held for legal reasons");

    const bulk = await runCommand(moderateComments, f.admin, { ids: [bad.id, fine.id], action: "approve" });
    expect(bulk.data.changed).toBe(1);
    expect((await db().comment.findUniqueOrThrow({ where: { id: bad.id } })).status).toBe("PENDING");
    expect((await db().comment.findUniqueOrThrow({ where: { id: fine.id } })).status).toBe("APPROVED");

    await expect(runCommand(replyAsEditor, f.editor, { parentId: bad.id, body: "Thanks." })).rejects.toThrow(/cannot be published: legal/);
    await expect(runCommand(replyAsEditor, f.editor, { parentId: fine.id, body: "Is this Tommy Atkins?" })).rejects.toThrow(/cannot be published: legal/);
    expect((await db().comment.findUniqueOrThrow({ where: { id: bad.id } })).status).toBe("PENDING");
    // Other moderation still works on it.
    expect((await runCommand(moderateComments, f.editor, { ids: [bad.id], action: "trash" })).data.changed).toBe(1);
  });

  it("holds every comment on a post linked to an active case", async () => {
    const post = await db().post.create({ data: { slug: "about-the-case", title: "About the case", status: "PUBLISHED", publishedAt: new Date("2026-11-10T09:00:00Z"), commentsOpen: true }, select: { id: true } });
    const caseId = (await db().legalCase.findFirstOrThrow({ where: { name: "R v Child" } })).id;
    expect((await submit("Before the link.", { postId: post.id })).status).toBe("APPROVED");
    await runCommand(linkPostToLegalCase, f.editor, { postId: post.id, caseId });
    const comment = await submit("An innocent remark.", { postId: post.id });
    expect(comment).toMatchObject({ status: "PENDING", heldReason: "legal: the post is about an active court case" });
    expect((await runCommand(moderateComments, f.editor, { ids: [comment.id], action: "approve" })).data.changed).toBe(0);
  });
});
