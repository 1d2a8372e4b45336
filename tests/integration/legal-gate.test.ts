// The legal gate on every path that makes a revision live: Publish, Schedule, the worker's scheduled
// publishing, Update and a scheduled update each refuse a post linked to an active case, or holding a
// protected term, until a legal reviewer clears that exact revision; a clearance of revision R does not
// clear R+1; posts with neither go out with no extra step. Who may clear, and the audit of it.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import { AuthorizationError } from "@/lib/errors";
import { findSessionUser, type SessionUser } from "@/lib/auth";
import { fromLondonLocal, toLondonLocal } from "@/lib/london-time";
import { publishPost, schedulePost, schedulePostUpdate, submitPost, updatePost } from "@/features/posts/commands";
import { publishDueScheduledPosts } from "@/features/posts/scheduled-publishing";
import { insertPosts } from "@/features/posts/store";
import { clearRevision, linkPostToLegalCase, markLegalReviewer, saveLegalCase, unlinkPostFromLegalCase } from "@/features/legal/commands";
import { LegalGateError, listPostsNeedingClearance } from "@/features/legal/data";
import { createCast, createTestPost, createTestUser, editPost, emptySnapshot, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

let cast: Awaited<ReturnType<typeof createCast>>;
let reviewer: SessionUser;
let caseId: string;

beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
  reviewer = await createTestUser("reviewer@docket.test", "EDITOR", "Rita Reviewer");
  await db().user.update({ where: { id: reviewer.id }, data: { legalReviewer: true } });
  reviewer = { ...reviewer, legalReviewer: true };
  const created = await runCommand(saveLegalCase, cast.EDITOR, { name: "R v Doe", court: "Leeds Crown Court", reference: "T20267001", state: "ACTIVE", activeFrom: "2026-11-01", protectedTerms: "Jane Doe\nHarewood Close", "complainant-anonymity.applies": "on", "complainant-anonymity.text": "The complainant may not be identified.", "complainant-anonymity.expiresOn": "" });
  caseId = created.data.caseId;
});

const row = (id: string) => db().post.findUniqueOrThrow({ where: { id }, select: { status: true, liveRevisionId: true, bodyMarkdown: true } });
const inADay = () => toLondonLocal(new Date(Date.now() + 24 * 60 * 60 * 1000));

async function linkedPost(status: "SUBMITTED" | "PUBLISHED" | "SCHEDULED" = "SUBMITTED") {
  const post = await createTestPost(cast.AUTHOR, status);
  await runCommand(linkPostToLegalCase, cast.EDITOR, { postId: post.id, caseId });
  return post;
}

const clear = (postId: string, revisionId: string, who: SessionUser = reviewer) => runCommand(clearRevision, who, { postId, revisionId, note: "Read against the order: nothing identifies the complainant." });

describe("the legal gate", () => {
  it("refuses Publish of an uncleared post linked to an active case, and lets the cleared revision out", async () => {
    const post = await linkedPost();
    await expect(runCommand(publishPost, cast.EDITOR, { postId: post.id })).rejects.toThrow(LegalGateError);
    expect((await row(post.id)).status).toBe("SUBMITTED");
    expect((await listPostsNeedingClearance()).map((entry) => entry.id)).toContain(post.id);

    await clear(post.id, post.revisionId);
    await runCommand(publishPost, cast.EDITOR, { postId: post.id });
    expect(await row(post.id)).toMatchObject({ status: "PUBLISHED", liveRevisionId: post.revisionId });
    expect((await listPostsNeedingClearance()).map((entry) => entry.id)).not.toContain(post.id);
    expect(await db().auditLog.findFirst({ where: { entityId: post.id, action: "legal.revision-cleared" }, select: { actorId: true, details: true } })).toMatchObject({
      actorId: reviewer.id,
      details: { revisionId: post.revisionId, note: "Read against the order: nothing identifies the complainant." },
    });
  });

  it("refuses Schedule until the revision is cleared", async () => {
    const post = await linkedPost();
    await expect(runCommand(schedulePost, cast.EDITOR, { postId: post.id, localDateTime: inADay() })).rejects.toThrow(LegalGateError);
    expect((await row(post.id)).status).toBe("SUBMITTED");
    await clear(post.id, post.revisionId);
    await runCommand(schedulePost, cast.EDITOR, { postId: post.id, localDateTime: inADay() });
    expect((await row(post.id)).status).toBe("SCHEDULED");
  });

  it("the worker's scheduled publishing leaves an uncleared post scheduled, and publishes it once cleared", async () => {
    // Scheduled before it was linked to the case: the worker is the last line.
    const post = await linkedPost("SCHEDULED");
    const due = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
    expect(await publishDueScheduledPosts(due)).not.toContain(post.slug);
    expect((await row(post.id)).status).toBe("SCHEDULED");
    await clear(post.id, post.revisionId);
    expect(await publishDueScheduledPosts(due)).toContain(post.slug);
    expect(await row(post.id)).toMatchObject({ status: "PUBLISHED", liveRevisionId: post.revisionId });
  });

  it("a clearance of revision R does not clear R+1: Update is refused until R+1 is cleared", async () => {
    const post = await linkedPost();
    await clear(post.id, post.revisionId);
    await runCommand(publishPost, cast.EDITOR, { postId: post.id });
    const next = await editPost(cast.EDITOR, { postId: post.id, title: "Test post, corrected", bodyMarkdown: "Corrected text." });
    await expect(runCommand(updatePost, cast.EDITOR, { postId: post.id, revisionId: next.data.revisionId })).rejects.toThrow(LegalGateError);
    expect((await row(post.id)).liveRevisionId).toBe(post.revisionId);

    await clear(post.id, next.data.revisionId);
    await runCommand(updatePost, cast.EDITOR, { postId: post.id, revisionId: next.data.revisionId });
    expect(await row(post.id)).toMatchObject({ liveRevisionId: next.data.revisionId, bodyMarkdown: "Corrected text." });
  });

  it("refuses to schedule an uncleared update, and the worker refuses a scheduled update that became uncleared", async () => {
    const post = await linkedPost();
    await clear(post.id, post.revisionId);
    await runCommand(publishPost, cast.EDITOR, { postId: post.id });
    await editPost(cast.EDITOR, { postId: post.id, title: "Test post", bodyMarkdown: "A scheduled change." });
    await expect(runCommand(schedulePostUpdate, cast.EDITOR, { postId: post.id, localDateTime: inADay() })).rejects.toThrow(LegalGateError);

    // An unlinked post's update is scheduled freely; linked to a case afterwards, the worker holds it back.
    const other = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const change = await editPost(cast.EDITOR, { postId: other.id, title: "Test post", bodyMarkdown: "Changed tomorrow." });
    const when = inADay();
    await runCommand(schedulePostUpdate, cast.EDITOR, { postId: other.id, localDateTime: when });
    await runCommand(linkPostToLegalCase, cast.EDITOR, { postId: other.id, caseId });
    const due = new Date(fromLondonLocal(when).getTime() + 60_000);
    await publishDueScheduledPosts(due);
    expect((await row(other.id)).liveRevisionId).toBe(other.revisionId);
    await clear(other.id, change.data.revisionId);
    await publishDueScheduledPosts(due);
    expect(await row(other.id)).toMatchObject({ liveRevisionId: change.data.revisionId, bodyMarkdown: "Changed tomorrow." });
  });

  it("stops a post that is linked to no case but holds a protected term, or a pen name's real name, in any form", async () => {
    const post = await createTestPost(cast.AUTHOR, "SUBMITTED");
    await editPost(cast.EDITOR, { postId: post.id, title: "A hearing", bodyMarkdown: "Neighbours of JANE\nDOE's family spoke." });
    const refusal = await runCommand(publishPost, cast.EDITOR, { postId: post.id }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(LegalGateError);
    expect((refusal as Error).message).toContain("protected name or term (in the body)");
    // The refusal may reach the writer: it never names the case or the term.
    expect((refusal as Error).message).not.toMatch(/Doe|R v/);

    await db().authorProfile.create({ data: { slug: "the-insider", displayName: "The Insider", isPseudonymous: true, realName: "Peter Quince" } });
    const other = await createTestPost(cast.AUTHOR, "SUBMITTED");
    await editPost(cast.EDITOR, { postId: other.id, title: "On Péter Quince’s report", bodyMarkdown: "Text." });
    await expect(runCommand(publishPost, cast.EDITOR, { postId: other.id })).rejects.toThrow(/protected name or term \(in the title\)/);
  });

  it("publishes a post with no case link and no protected term with no extra step", async () => {
    const post = await createTestPost(cast.AUTHOR, "SUBMITTED");
    await editPost(cast.EDITOR, { postId: post.id, title: "Probation caseloads", bodyMarkdown: "Jane Doerr and John Does write about Harewood." });
    await runCommand(publishPost, cast.EDITOR, { postId: post.id });
    expect((await row(post.id)).status).toBe("PUBLISHED");
    expect(await db().legalClearance.count({ where: { postId: post.id } })).toBe(0);
  });

  it("lets a post out once its case is no longer active, or it is unlinked", async () => {
    const concluded = await runCommand(saveLegalCase, cast.EDITOR, { name: "R v Old", state: "CONCLUDED", protectedTerms: "" });
    const post = await createTestPost(cast.AUTHOR, "SUBMITTED");
    await runCommand(linkPostToLegalCase, cast.EDITOR, { postId: post.id, caseId: concluded.data.caseId });
    await runCommand(publishPost, cast.EDITOR, { postId: post.id });
    expect((await row(post.id)).status).toBe("PUBLISHED");

    const unlinked = await linkedPost();
    await runCommand(unlinkPostFromLegalCase, cast.EDITOR, { postId: unlinked.id, caseId });
    await runCommand(publishPost, cast.EDITOR, { postId: unlinked.id });
    expect((await row(unlinked.id)).status).toBe("PUBLISHED");
  });

  it("lets only legal reviewers (admins, and editors an admin marked) clear, and records an override of the scan with its reason", async () => {
    const post = await createTestPost(cast.AUTHOR, "SUBMITTED");
    await editPost(cast.EDITOR, { postId: post.id, title: "A hearing", bodyMarkdown: "Jane Doe was named in open court." });
    const latest = await db().revision.findFirstOrThrow({ where: { postId: post.id }, orderBy: { number: "desc" }, select: { id: true } });
    await expect(clear(post.id, latest.id, cast.EDITOR)).rejects.toThrow(AuthorizationError);
    await expect(clear(post.id, latest.id, cast.AUTHOR)).rejects.toThrow(AuthorizationError);
    await expect(runCommand(clearRevision, reviewer, { postId: post.id, revisionId: latest.id, note: "" })).rejects.toThrow(/Give a note/);
    await clear(post.id, latest.id, cast.ADMIN);
    await runCommand(publishPost, cast.EDITOR, { postId: post.id });
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityId: post.id, action: "legal.scan-overridden" }, select: { actorId: true, details: true } });
    expect(entry).toMatchObject({ actorId: cast.ADMIN.id, details: { revisionId: latest.id, overriddenMatches: "1" } });
    expect((await db().legalClearance.findUniqueOrThrow({ where: { revisionId: latest.id } })).overridden).toEqual([{ term: "Jane Doe", field: "body", excerpt: "Jane Doe was named in open court." }]);
  });

  it("holds back a post its writer said is about a case until the desk links the case and clears it", async () => {
    const post = await createTestPost(cast.AUTHOR, "DRAFT");
    await runCommand(submitPost, cast.AUTHOR, { postId: post.id, aboutCase: true });
    const queued = (await listPostsNeedingClearance()).find((entry) => entry.id === post.id);
    expect(queued?.reasons).toEqual(["its writer said it is about a case, and no case is linked yet"]);
    await expect(runCommand(publishPost, cast.EDITOR, { postId: post.id })).rejects.toThrow(LegalGateError);

    await runCommand(linkPostToLegalCase, cast.EDITOR, { postId: post.id, caseId });
    expect((await listPostsNeedingClearance()).find((entry) => entry.id === post.id)?.reasons).toEqual(["it is linked to an active case"]);
    await clear(post.id, post.revisionId);
    await runCommand(publishPost, cast.EDITOR, { postId: post.id });
    expect((await row(post.id)).status).toBe("PUBLISHED");
    expect(await db().auditLog.count({ where: { entityId: post.id, action: "legal.case-linked", actorId: cast.EDITOR.id } })).toBe(1);
  });

  it("an admin marks an editor as a legal reviewer at /admin/people; the session carries the flag", async () => {
    const editor = await createTestUser("second-editor@docket.test", "EDITOR", "Sam Second");
    await expect(runCommand(markLegalReviewer, cast.EDITOR, { userId: editor.id, legalReviewer: "true" })).rejects.toThrow(AuthorizationError);
    await expect(runCommand(markLegalReviewer, cast.ADMIN, { userId: cast.AUTHOR.id, legalReviewer: "true" })).rejects.toThrow(/Only editors/);
    await runCommand(markLegalReviewer, cast.ADMIN, { userId: editor.id, legalReviewer: "true" });
    await db().session.create({ data: { sessionToken: "legal-reviewer-session", userId: editor.id, expires: new Date(Date.now() + 3_600_000) } });
    const session = await findSessionUser("legal-reviewer-session");
    expect(session?.legalReviewer).toBe(true);
    const post = await linkedPost();
    await clear(post.id, post.revisionId, session!);
    await runCommand(publishPost, cast.EDITOR, { postId: post.id });
    expect((await row(post.id)).status).toBe("PUBLISHED");
    expect(await db().auditLog.count({ where: { entityId: editor.id, action: "legal.reviewer-marked", actorId: cast.ADMIN.id } })).toBe(1);

    await runCommand(markLegalReviewer, cast.ADMIN, { userId: editor.id, legalReviewer: "false" });
    const other = await linkedPost();
    await expect(clear(other.id, other.revisionId, (await findSessionUser("legal-reviewer-session"))!)).rejects.toThrow(AuthorizationError);
  });

  it("refuses to clear a revision of another post", async () => {
    const [a, b] = [await linkedPost(), await linkedPost()];
    await expect(clear(a.id, b.revisionId)).rejects.toThrow(/does not belong/);
  });

  it("lets the bulk writers (demo content, tests) write published rows: import and restore hold them afterwards instead", async () => {
    const [id] = await insertPosts([{ status: "PUBLISHED", createdById: null, revisionAuthorId: null, publishedAt: new Date(), snapshot: { ...emptySnapshot, slug: `bulk-${Date.now()}`, title: "Jane Doe", bodyMarkdown: "x", authorProfileIds: [cast.AUTHOR.profileId!] } }]);
    expect((await row(id)).status).toBe("PUBLISHED");
  });
});
