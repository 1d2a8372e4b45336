// Corrections and clarifications: added to a published post's working copy, public only once the
// post is updated (dated then), shown to readers on the post, on /corrections and in the feeds, in
// JSON-LD, and in the next digest of those who were sent the post.
import { simpleParser } from "mailparser";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import { AuthorizationError, InputError } from "@/lib/errors";
import { mailServer } from "@/lib/mail/send";
import { discardPostChanges, updatePost } from "@/features/posts/commands";
import { addPostCorrection, withdrawPostCorrection } from "@/features/posts/corrections/commands";
import { listPublishedCorrections } from "@/features/posts/corrections/data";
import { getPublishedPost } from "@/features/posts/data";
import { postJsonLd } from "@/features/posts/components/post-json-ld";
import { renderFeed } from "@/features/feeds/documents";
import { readSiteSettings } from "@/features/site/data";
import { runDigest } from "@/features/digest/sender";
import { createCast, createTestPost, editPost, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";
import { createSubscriber } from "./digest-fixtures";
import { startTestSmtpServer, type TestSmtpServer } from "./digest-smtp-server";

let cast: Awaited<ReturnType<typeof createCast>>;
let smtp: TestSmtpServer;

beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
  smtp = await startTestSmtpServer();
});

afterAll(async () => {
  await smtp.close();
});

const latestRevisionId = async (postId: string) => (await db().revision.findFirstOrThrow({ where: { postId }, orderBy: { number: "desc" }, select: { id: true } })).id;

async function correct(postId: string, text: string, kind: "CORRECTION" | "CLARIFICATION" = "CORRECTION") {
  return runCommand(addPostCorrection, cast.EDITOR, { postId, kind, text });
}

async function update(postId: string) {
  return runCommand(updatePost, cast.EDITOR, { postId, revisionId: await latestRevisionId(postId) });
}

const atomParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

async function atomEntryOf(slug: string) {
  const document = atomParser.parse((await renderFeed({ kind: "site" }, "atom"))!);
  const entries = [document.feed.entry].flat() as { link: { "@href": string }; updated: string; content: { "#text": string } }[];
  return entries.find((entry) => entry.link["@href"].endsWith(`/posts/${slug}`))!;
}

describe("a correction", () => {
  it("waits in the working copy, and goes public, dated, with the Update", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const liveBefore = (await db().post.findUniqueOrThrow({ where: { id: post.id } })).liveRevisionId;
    const entryBefore = await atomEntryOf(post.slug);

    const added = await correct(post.id, "We said the hearing was on Monday; it was on Tuesday.");
    expect(added.message).toBe("Correction added to the working copy. Readers see it once you press Update.");
    // A new revision holds it; readers get the same live one, with no correction.
    expect(added.data.revisionId).not.toBe(liveBefore);
    expect((await db().post.findUniqueOrThrow({ where: { id: post.id } })).liveRevisionId).toBe(liveBefore);
    expect((await getPublishedPost(post.slug))!.corrections).toEqual([]);
    expect((await listPublishedCorrections()).corrections.map((entry) => entry.text)).not.toContain("We said the hearing was on Monday; it was on Tuesday.");

    const updated = await update(post.id);
    expect(updated.message).toBe("Updated: readers now see this version.");
    const page = (await getPublishedPost(post.slug))!;
    expect(page.title).toBe((await db().revision.findUniqueOrThrow({ where: { id: post.revisionId } })).title);
    expect(page.corrections).toEqual([{ id: added.data.correctionId, kind: "CORRECTION", text: "We said the hearing was on Monday; it was on Tuesday.", publishedAt: expect.any(Date) }]);
    const listed = (await listPublishedCorrections()).corrections.find((entry) => entry.id === added.data.correctionId);
    expect(listed).toMatchObject({ post: { slug: post.slug }, publishedAt: page.corrections[0].publishedAt });

    const entryAfter = await atomEntryOf(post.slug);
    expect(new Date(entryAfter.updated).getTime()).toBeGreaterThan(new Date(entryBefore.updated).getTime());
    expect(entryAfter.content["#text"]).toContain("Correction,");
    expect(entryAfter.content["#text"]).toContain("We said the hearing was on Monday; it was on Tuesday.");

    const ld = JSON.parse(JSON.stringify(postJsonLd(page, await readSiteSettings())));
    expect(ld.correction).toEqual([{ "@type": "CorrectionComment", text: "Correction: We said the hearing was on Monday; it was on Tuesday.", datePublished: page.corrections[0].publishedAt.toISOString() }]);
    expect(new Date(ld.dateModified).getTime()).toBeGreaterThanOrEqual(page.corrections[0].publishedAt.getTime());
  });

  it("joins the text changes waiting in the working copy, and both go out with one Update", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const saved = await editPost(cast.EDITOR, { postId: post.id, title: "Retitled in the working copy", slug: post.slug, bodyMarkdown: "New text." });
    const added = await correct(post.id, "A clarification of the sentencing figures.", "CLARIFICATION");
    expect(added.data.revisionId).toBe(saved.data.revisionId);
    await update(post.id);
    const page = (await getPublishedPost(post.slug))!;
    expect(page.title).toBe("Retitled in the working copy");
    expect(page.corrections.map((entry) => [entry.kind, entry.text])).toEqual([["CLARIFICATION", "A clarification of the sentencing figures."]]);
  });

  it("can be withdrawn, or discarded with the working copy, before it is public, and never after", async () => {
    const post = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const first = await correct(post.id, "Withdrawn before anyone saw it.");
    await runCommand(withdrawPostCorrection, cast.EDITOR, { correctionId: first.data.correctionId });
    await correct(post.id, "Discarded with the working copy.");
    const discarded = await runCommand(discardPostChanges, cast.EDITOR, { postId: post.id });
    expect(discarded.message).toBe("Changes discarded: the editor shows the published version again.");
    await editPost(cast.EDITOR, { postId: post.id, title: "A later change", slug: post.slug, bodyMarkdown: "Later." });
    await update(post.id);
    expect((await getPublishedPost(post.slug))!.corrections).toEqual([]);

    const kept = await correct(post.id, "This one went out.");
    await update(post.id);
    await expect(runCommand(withdrawPostCorrection, cast.EDITOR, { correctionId: kept.data.correctionId })).rejects.toThrow("That correction is already public, or gone: a public correction stays.");
    // Updates after it keep it public.
    await editPost(cast.EDITOR, { postId: post.id, title: "Another change", slug: post.slug, bodyMarkdown: "Again." });
    await update(post.id);
    expect((await getPublishedPost(post.slug))!.corrections.map((entry) => entry.text)).toEqual(["This one went out."]);
  });

  it("is an editor's, on a published post, with its text", async () => {
    const published = await createTestPost(cast.AUTHOR, "PUBLISHED");
    const draft = await createTestPost(cast.EDITOR, "DRAFT");
    await expect(runCommand(addPostCorrection, cast.AUTHOR, { postId: published.id, kind: "CORRECTION", text: "Mine." })).rejects.toBeInstanceOf(AuthorizationError);
    await expect(runCommand(addPostCorrection, cast.GUEST, { postId: published.id, kind: "CORRECTION", text: "Mine." })).rejects.toBeInstanceOf(AuthorizationError);
    await expect(correct(draft.id, "Not out yet.")).rejects.toThrow("Only a published post can be corrected: edit the text instead.");
    await expect(correct(published.id, "   ")).rejects.toThrow("Say what was wrong and what is right.");
    await expect(runCommand(addPostCorrection, cast.EDITOR, { postId: published.id, kind: "RETRACTION", text: "x" })).rejects.toBeInstanceOf(InputError);
    expect(await db().correction.count({ where: { postId: { in: [published.id, draft.id] } } })).toBe(0);
  });
});

describe("the digest's “Corrected since we sent it”", () => {
  const digestNow = () => runDigest({ mailServer: mailServer({ smtpUrl: smtp.url }), ratePerSecond: 10_000, retryDelaysMs: [50] });

  async function mailsTo(address: string) {
    const mails = await Promise.all(smtp.messages.filter((message) => message.to.includes(address)).map((message) => simpleParser(message.raw)));
    return mails.map((mail) => ({ html: String(mail.html), text: String(mail.text) }));
  }

  it("tells those who were sent the post, once, in their next digest", async () => {
    await db().digestRun.deleteMany();
    await db().subscriber.deleteMany();
    const post = await createTestPost(cast.EDITOR, "PUBLISHED");
    await createSubscriber("early@example.test");
    await digestNow();
    expect(await mailsTo("early@example.test")).toHaveLength(1);
    await createSubscriber("late@example.test");

    await correct(post.id, "The officer was a sergeant, not an inspector.");
    await update(post.id);
    await createTestPost(cast.EDITOR, "PUBLISHED");
    await digestNow();

    const [, early] = await mailsTo("early@example.test");
    const [late] = await mailsTo("late@example.test");
    expect(early.text).toContain("Corrected since we sent it");
    expect(early.text).toMatch(/Correction, \d{1,2} \w+ \d{4}: The officer was a sergeant, not an inspector\./);
    expect(early.html).toContain("Corrected since we sent it");
    expect(early.html).toContain(`/posts/${post.slug}`);
    expect(late.text).not.toContain("Corrected since we sent it");

    await createTestPost(cast.EDITOR, "PUBLISHED");
    await digestNow();
    const third = (await mailsTo("early@example.test"))[2];
    expect(third.text).not.toContain("Corrected since we sent it");
  });
});
