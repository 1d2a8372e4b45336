// Every editorial command × every role and signed out × own and someone else's post, checked on the
// server side of the action boundary (the commands the server actions call with the session user).
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@/lib/action";
import type { SessionUser } from "@/lib/auth";
import { db } from "@/lib/db";
import { AuthorizationError } from "@/lib/errors";
import {
  addNote,
  createPost,
  discardPostChanges,
  previewMarkdown,
  publishPost,
  requestChanges,
  restorePostRevision,
  schedulePost,
  schedulePostUpdate,
  submitPost,
  submitPostChanges,
  unpublishPost,
  updatePost,
} from "@/features/posts/commands";
import { saveRevision, snapshotSelect } from "@/features/posts/store";
import { reorderSeries } from "@/features/series/commands";
import { changeRole, completeProfile, createBylineProfile, deactivateLogin, editByline, inviteAuthor, linkProfile, reactivateLogin } from "@/features/people/commands";
import { makePreviewLink, withdrawPreviewLink } from "@/features/preview-links/commands";
import { createPreviewLink } from "@/features/preview-links/mutations";
import { createCast, createTestPost, openEditorialTestDatabase, useTestSettings, type Actor, editPost } from "./editorial-fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let seriesId: string;

beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
  seriesId = (await db().series.create({ data: { slug: "why-i-tweet", title: "Why I tweet" } })).id;
});

type Status = "DRAFT" | "SUBMITTED" | "CHANGES_REQUESTED" | "SCHEDULED" | "PUBLISHED" | "UNPUBLISHED";
type Case = {
  command: string;
  status: Status;
  run: (user: SessionUser | null, post: Awaited<ReturnType<typeof createTestPost>>) => Promise<unknown>;
  /** Which actors may do it to their own post and to someone else's. */
  own: Actor[];
  others: Actor[];
};

const editors: Actor[] = ["ADMIN", "EDITOR"];
const everyone: Actor[] = ["ADMIN", "EDITOR", "AUTHOR", "GUEST"];

const cases: Case[] = [
  {
    command: "savePost",
    status: "DRAFT",
    run: (user, post) => editPost(user, { postId: post.id, title: "Edited title", slug: `edited-${post.id}`, bodyMarkdown: "Edited body" }),
    own: everyone,
    others: editors,
  },
  {
    command: "savePost on a submitted post",
    status: "SUBMITTED",
    run: (user, post) => editPost(user, { postId: post.id, title: "Edited title", slug: `edited-${post.id}`, bodyMarkdown: "Edited body" }),
    own: editors,
    others: editors,
  },
  ...(["CHANGES_REQUESTED", "SCHEDULED", "PUBLISHED", "UNPUBLISHED"] as const).map((status) => ({
    command: `savePost on a ${status.toLowerCase().replace("_", " ")} post`,
    status,
    run: (user: SessionUser | null, post: Awaited<ReturnType<typeof createTestPost>>) =>
      editPost(user, { postId: post.id, title: "Edited title", slug: `edited-${post.id}`, bodyMarkdown: "Edited body" }),
    // Guests edit again when asked to, and a published post's working copy (which they send for review);
    // authors keep editing their own work once it is out; a scheduled post is the editors'.
    own: status === "CHANGES_REQUESTED" || status === "PUBLISHED" ? everyone : status === "SCHEDULED" ? editors : (["ADMIN", "EDITOR", "AUTHOR"] as Actor[]),
    others: editors,
  })),
  {
    command: "savePost adding a co-author",
    status: "DRAFT",
    run: (user, post) => editPost(user, { postId: post.id, title: "Two names", coAuthorIds: [...new Set([user?.profileId ?? cast.OTHER.profileId, cast.OTHER.profileId, cast.GUEST.profileId])] }),
    own: editors,
    others: editors,
  },
  { command: "submitPost", status: "DRAFT", run: (user, post) => runCommand(submitPost, user, { postId: post.id }), own: everyone, others: [] },
  { command: "publishPost", status: "SUBMITTED", run: (user, post) => runCommand(publishPost, user, { postId: post.id }), own: ["ADMIN", "EDITOR", "AUTHOR"], others: editors },
  {
    command: "schedulePost",
    status: "SUBMITTED",
    run: (user, post) => runCommand(schedulePost, user, { postId: post.id, localDateTime: "2099-06-01T09:30" }),
    own: editors,
    others: editors,
  },
  {
    command: "requestChanges",
    status: "SUBMITTED",
    run: (user, post) => runCommand(requestChanges, user, { postId: post.id, body: "Please cite the source." }),
    own: editors,
    others: editors,
  },
  { command: "submitPost after changes were requested", status: "CHANGES_REQUESTED", run: (user, post) => runCommand(submitPost, user, { postId: post.id }), own: everyone, others: [] },
  { command: "publishPost on a scheduled post", status: "SCHEDULED", run: (user, post) => runCommand(publishPost, user, { postId: post.id }), own: ["ADMIN", "EDITOR", "AUTHOR"], others: editors },
  { command: "publishPost again after unpublishing", status: "UNPUBLISHED", run: (user, post) => runCommand(publishPost, user, { postId: post.id }), own: ["ADMIN", "EDITOR", "AUTHOR"], others: editors },
  { command: "schedulePost on a published post", status: "PUBLISHED", run: (user, post) => runCommand(schedulePost, user, { postId: post.id, localDateTime: "2099-06-01T09:30" }), own: [], others: [] },
  {
    command: "requestChanges on a scheduled post",
    status: "SCHEDULED",
    run: (user, post) => runCommand(requestChanges, user, { postId: post.id, body: "Hold it: one more check." }),
    own: editors,
    others: editors,
  },
  { command: "unpublishPost on a scheduled post", status: "SCHEDULED", run: (user, post) => runCommand(unpublishPost, user, { postId: post.id }), own: editors, others: editors },
  { command: "addNote", status: "SUBMITTED", run: (user, post) => runCommand(addNote, user, { postId: post.id, body: "Looks good." }), own: editors, others: editors },
  { command: "unpublishPost", status: "PUBLISHED", run: (user, post) => runCommand(unpublishPost, user, { postId: post.id }), own: editors, others: editors },
  {
    command: "restoreRevision",
    status: "DRAFT",
    run: (user, post) => runCommand(restorePostRevision, user, { postId: post.id, revisionId: post.revisionId }),
    own: everyone,
    others: editors,
  },
  ...(["DRAFT", "CHANGES_REQUESTED", "SUBMITTED", "SCHEDULED", "UNPUBLISHED"] as const).map((status) => ({
    command: `makePreviewLink on a ${status.toLowerCase().replace("_", " ")} post`,
    status,
    run: (user: SessionUser | null, post: Awaited<ReturnType<typeof createTestPost>>) => runCommand(makePreviewLink, user, { postId: post.id, days: 3 }),
    own: everyone,
    others: editors,
  })),
  { command: "makePreviewLink on a published post", status: "PUBLISHED", run: (user, post) => runCommand(makePreviewLink, user, { postId: post.id }), own: [], others: [] },
  {
    command: "withdrawPreviewLink",
    status: "SUBMITTED",
    run: async (user, post) => {
      const link = await createPreviewLink({ postId: post.id, createdById: cast.EDITOR.id, days: 7 });
      return runCommand(withdrawPreviewLink, user, { linkId: link.id });
    },
    own: everyone,
    others: editors,
  },
  {
    command: "updatePost (a published post's working copy goes live)",
    status: "PUBLISHED",
    run: async (user, post) => runCommand(updatePost, user, { postId: post.id, revisionId: await workingCopyOf(post.id) }),
    own: ["ADMIN", "EDITOR", "AUTHOR"],
    others: editors,
  },
  {
    command: "discardPostChanges",
    status: "PUBLISHED",
    run: async (user, post) => (await workingCopyOf(post.id), runCommand(discardPostChanges, user, { postId: post.id })),
    own: everyone,
    others: editors,
  },
  {
    command: "submitPostChanges (by a writer who may not publish)",
    status: "PUBLISHED",
    run: async (user, post) => (await workingCopyOf(post.id), runCommand(submitPostChanges, user, { postId: post.id })),
    own: ["GUEST"],
    others: [],
  },
  {
    command: "schedulePostUpdate",
    status: "PUBLISHED",
    run: async (user, post) => (await workingCopyOf(post.id), runCommand(schedulePostUpdate, user, { postId: post.id, localDateTime: "2099-06-01T09:30" })),
    own: editors,
    others: editors,
  },
  {
    command: "reorderSeries",
    status: "DRAFT",
    run: (user, post) => runCommand(reorderSeries, user, { seriesId, postIds: [post.id] }),
    own: editors,
    others: editors,
  },
];

/** A change to a published post that readers do not see yet; returns its revision. */
async function workingCopyOf(postId: string): Promise<string> {
  const latest = await db().revision.findFirstOrThrow({ where: { postId }, orderBy: { number: "desc" }, select: snapshotSelect });
  return (await saveRevision({ postId, snapshot: { ...latest, bodyMarkdown: `${latest.bodyMarkdown}\n\nA correction.` }, authorId: null, baseRevisionId: null })).revision.id;
}

const actors: (Actor | "signed out")[] = ["ADMIN", "EDITOR", "AUTHOR", "GUEST", "signed out"];

describe.each(cases)("$command", (testCase) => {
  for (const actor of actors) {
    for (const whose of ["own", "other's"] as const) {
      const allowed = actor !== "signed out" && (whose === "own" ? testCase.own : testCase.others).includes(actor);
      it(`${actor} on ${whose} post: ${allowed ? "allowed" : "refused"}`, async () => {
        const user = actor === "signed out" ? null : cast[actor];
        const owner = whose === "own" && user ? user : cast.OTHER;
        const post = await createTestPost(owner, testCase.status, { seriesId });
        const before = await db().post.findUniqueOrThrow({ where: { id: post.id }, select: { status: true, title: true, updatedAt: true } });
        const outcome = testCase.run(user, post);
        if (allowed) {
          await expect(outcome).resolves.toBeDefined();
        } else {
          await expect(outcome).rejects.toBeInstanceOf(AuthorizationError);
          const after = await db().post.findUniqueOrThrow({ where: { id: post.id }, select: { status: true, title: true, updatedAt: true } });
          expect(after).toEqual(before);
        }
      });
    }
  }
});

describe("commands without a post", () => {
  it.each(actors)("createPost as %s", async (actor) => {
    const outcome = runCommand(createPost, actor === "signed out" ? null : cast[actor], { title: "A fresh idea" });
    if (actor === "signed out") await expect(outcome).rejects.toBeInstanceOf(AuthorizationError);
    else await expect(outcome).resolves.toMatchObject({ data: { postId: expect.any(String) } });
  });

  it.each(actors)("previewMarkdown as %s", async (actor) => {
    const outcome = runCommand(previewMarkdown, actor === "signed out" ? null : cast[actor], { markdown: "*hi*" });
    if (actor === "signed out") await expect(outcome).rejects.toBeInstanceOf(AuthorizationError);
    else await expect(outcome).resolves.toMatchObject({ data: { html: "<p><em>hi</em></p>" } });
  });
});

describe("people commands", () => {
  let counter = 0;
  const unique = () => `${Date.now()}-${++counter}`;
  const peopleCases: { command: string; allowed: Actor[]; run: (user: SessionUser | null) => Promise<unknown> }[] = [
    { command: "inviteAuthor", allowed: editors, run: (user) => runCommand(inviteAuthor, user, { email: `invitee-${unique()}@example.org`, role: "GUEST" }) },
    { command: "createByline", allowed: editors, run: (user) => runCommand(createBylineProfile, user, { displayName: `Byline ${unique()}`, bio: "" }) },
    {
      command: "linkProfile",
      allowed: editors,
      run: async (user) => {
        const profile = await db().authorProfile.create({ data: { slug: `unlinked-${unique()}`, displayName: "Unlinked" } });
        const login = await db().user.create({ data: { email: `login-${unique()}@example.org` } });
        return runCommand(linkProfile, user, { profileId: profile.id, userId: login.id });
      },
    },
    {
      command: "editByline",
      allowed: editors,
      run: (user) =>
        runCommand(editByline, user, { profileId: cast.OTHER.profileId, displayName: "Otto Other", slug: "other", bio: "", isPseudonymous: "on", realName: "Secret Name" }),
    },
    {
      command: "changeRole",
      allowed: ["ADMIN"],
      run: async (user) => runCommand(changeRole, user, { userId: (await db().user.create({ data: { email: `role-${unique()}@example.org` } })).id, role: "AUTHOR" }),
    },
    {
      command: "deactivateLogin",
      allowed: ["ADMIN"],
      run: async (user) => runCommand(deactivateLogin, user, { userId: (await db().user.create({ data: { email: `leaver-${unique()}@example.org` } })).id }),
    },
    {
      command: "reactivateLogin",
      allowed: ["ADMIN"],
      run: async (user) =>
        runCommand(reactivateLogin, user, { userId: (await db().user.create({ data: { email: `returner-${unique()}@example.org`, deactivatedAt: new Date() } })).id }),
    },
    { command: "completeProfile", allowed: everyone, run: (user) => runCommand(completeProfile, user, { displayName: user?.displayName ?? "Someone", bio: "", xHandle: "", website: "" }) },
  ];
  describe.each(peopleCases)("$command", ({ allowed, run }) => {
    it.each(actors)("as %s", async (actor) => {
      const outcome = run(actor === "signed out" ? null : cast[actor]);
      if (actor !== "signed out" && allowed.includes(actor)) await expect(outcome).resolves.toBeDefined();
      else await expect(outcome).rejects.toBeInstanceOf(AuthorizationError);
    });
  });
});
