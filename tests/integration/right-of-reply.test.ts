// Right of reply: a request recorded on a post in review (who, when, how, the deadline), the response,
// and its publication under the post; the review page's overdue list; publishing while a request is
// unanswered is refused until the editor confirms the warning; nothing is public before publication.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import { AuthorizationError } from "@/lib/errors";
import { discardPostChanges, publishPost, schedulePost, updatePost } from "@/features/posts/commands";
import { getPublishedPost } from "@/features/posts/data";
import { publishReplyResponse, recordReplyRequest, recordReplyResponseCommand } from "@/features/posts/replies/commands";
import { listOverdueReplyRequests } from "@/features/posts/replies/data";
import { toLondonLocal } from "@/lib/london-time";
import { createCast, createTestPost, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

let cast: Awaited<ReturnType<typeof createCast>>;

beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
});

const DAY = 24 * 3600_000;
const ukDate = (offsetDays: number) => toLondonLocal(new Date(Date.now() + offsetDays * DAY)).slice(0, 10);

async function request(postId: string, person: string, deadlineInDays: number) {
  const { data } = await runCommand(recordReplyRequest, cast.EDITOR, { postId, person, putOn: ukDate(-7), how: "Email to the press office", deadline: ukDate(deadlineInDays) });
  return data.requestId;
}

describe("right of reply", () => {
  it("keeps a request private through its states until the response is published with the post", async () => {
    const post = await createTestPost(cast.AUTHOR, "SUBMITTED");
    const id = await request(post.id, "HM Prison Exampleton", -1);
    expect(await db().replyRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ person: "HM Prison Exampleton", how: "Email to the press office", response: null, publishedAt: null });

    // Overdue: listed for the review page, and publishing needs the editor's confirmation.
    expect((await listOverdueReplyRequests(new Date())).map((entry) => entry.id)).toContain(id);
    await expect(runCommand(publishPost, cast.EDITOR, { postId: post.id })).rejects.toMatchObject({
      message: expect.stringMatching(/^No response yet from HM Prison Exampleton \(deadline \d{1,2} \w+ \d{4}, passed\)\. Publish anyway\?$/),
      fieldErrors: { confirmOpenReplies: expect.any(String) },
    });
    await expect(runCommand(schedulePost, cast.EDITOR, { postId: post.id, localDateTime: toLondonLocal(new Date(Date.now() + 2 * DAY)) })).rejects.toMatchObject({ fieldErrors: { confirmOpenReplies: expect.any(String) } });
    expect((await db().post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("SUBMITTED");

    await runCommand(recordReplyResponseCommand, cast.EDITOR, { requestId: id, response: "The prison disputes the figures.", respondedOn: ukDate(0) });
    expect((await listOverdueReplyRequests(new Date())).map((entry) => entry.id)).not.toContain(id);
    const marked = await runCommand(publishReplyResponse, cast.EDITOR, { requestId: id });
    expect(marked.message).toBe("The response will appear under the post when it is published.");

    // Answered: publishing needs no confirmation, and the response goes out with the post, dated.
    await runCommand(publishPost, cast.EDITOR, { postId: post.id });
    const page = (await getPublishedPost(post.slug))!;
    expect(page.replies).toEqual([{ id, person: "HM Prison Exampleton", response: "The prison disputes the figures.", respondedAt: expect.any(Date), putAt: expect.any(Date) }]);
  });

  it("publishes a post with an unanswered request once the editor confirms, and shows nothing of the request", async () => {
    const post = await createTestPost(cast.AUTHOR, "SUBMITTED");
    await request(post.id, "A named officer", 3);
    await expect(runCommand(publishPost, cast.EDITOR, { postId: post.id })).rejects.toThrow(/^No response yet from A named officer \(deadline .*, not yet passed\)\. Publish anyway\?$/);
    await runCommand(publishPost, cast.EDITOR, { postId: post.id, confirmOpenReplies: true });
    const page = (await getPublishedPost(post.slug))!;
    expect(page.replies).toEqual([]);
    expect(JSON.stringify(page)).not.toContain("A named officer");
  });

  it("on a published post, a response goes out with the Update, and Discard withdraws it", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const id = await request(post.id, "The Probation Service", 2);
    await runCommand(recordReplyResponseCommand, cast.EDITOR, { requestId: id, response: "We reject the claim.", respondedOn: ukDate(0) });
    const marked = await runCommand(publishReplyResponse, cast.EDITOR, { requestId: id });
    expect(marked.message).toBe("The response joins the working copy: readers see it once you press Update.");
    await runCommand(discardPostChanges, cast.EDITOR, { postId: post.id });
    expect((await db().replyRequest.findUniqueOrThrow({ where: { id } })).revisionId).toBeNull();

    await runCommand(publishReplyResponse, cast.EDITOR, { requestId: id });
    expect((await getPublishedPost(post.slug))!.replies).toEqual([]);
    const latest = await db().revision.findFirstOrThrow({ where: { postId: post.id }, orderBy: { number: "desc" } });
    await runCommand(updatePost, cast.EDITOR, { postId: post.id, revisionId: latest.id });
    expect((await getPublishedPost(post.slug))!.replies.map((reply) => reply.response)).toEqual(["We reject the claim."]);
    await expect(runCommand(recordReplyResponseCommand, cast.EDITOR, { requestId: id, response: "Changed.", respondedOn: ukDate(0) })).rejects.toThrow("This response is published: it stays as readers saw it.");
  });

  it("is an editor's to record, with real dates", async () => {
    const post = await createTestPost(cast.AUTHOR, "SUBMITTED");
    await expect(runCommand(recordReplyRequest, cast.AUTHOR, { postId: post.id, person: "X", putOn: ukDate(0), how: "Email", deadline: ukDate(1) })).rejects.toBeInstanceOf(AuthorizationError);
    await expect(runCommand(recordReplyRequest, cast.EDITOR, { postId: post.id, person: "X", putOn: "2026-02-30", how: "Email", deadline: ukDate(1) })).rejects.toMatchObject({ fieldErrors: { putOn: "Choose a real date." } });
    await expect(runCommand(recordReplyRequest, cast.EDITOR, { postId: post.id, person: "X", putOn: ukDate(0), how: "Email", deadline: ukDate(-3) })).rejects.toThrow("The deadline is before the day it was put to them.");
    await expect(runCommand(recordReplyRequest, cast.EDITOR, { postId: post.id, person: " ", putOn: ukDate(0), how: "Email", deadline: ukDate(1) })).rejects.toMatchObject({ fieldErrors: { person: "Say who the allegation was put to." } });
  });
});
