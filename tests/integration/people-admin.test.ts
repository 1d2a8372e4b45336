// People admin: an admin changes a login's role, deactivates and reactivates it (its sessions and
// sign-in links end at once, its posts and bylines stay, there is always an active admin), and
// editors edit any byline, whose pen name's real name never reaches a reader.
import { readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@/lib/action";
import { findSessionUser, listEmailsWithPermission, type SessionUser } from "@/lib/auth";
import { db } from "@/lib/db";
import { AuthorizationError, InputError, UserFacingError } from "@/lib/errors";
import { changeRole, deactivateLogin, editByline, inviteAuthor, reactivateLogin, requestSignIn } from "@/features/people/commands";
import { createSignInToken } from "@/features/people/mutations";
import { authOptions } from "@/features/people/sign-in";
import { workOffQueuedJobs } from "../helpers/job-queue";
import { getPublicAuthor, listAuthorPosts, listPublicAuthors } from "@/features/authors/data";
import { getPublishedPost, listFeedPosts } from "@/features/posts/data";
import { renderFeed } from "@/features/feeds/documents";
import { searchPosts } from "@/features/search/data";
import { findRedirect, findRedirectKeepingRest } from "@/features/redirects/data";
import { createTestPost, createTestUser, openEditorialTestDatabase, TEST_SITE, useTestSettings } from "./editorial-fixtures";

// next-auth's request handler without Next's request context (its package exports hide ./core).
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as {
  AuthHandler: (params: { req: Record<string, unknown>; options: unknown }) => Promise<{ redirect?: string }>;
};

let dataDir: string;
let admin: SessionUser;
let editor: SessionUser;
let author: SessionUser;
let counter = 0;
const unique = (name: string) => `${name}-${Date.now()}-${++counter}`;

beforeAll(async () => {
  dataDir = await useTestSettings();
  await openEditorialTestDatabase();
  admin = await createTestUser("first.admin@docket.test", "ADMIN", "First Admin");
  editor = await createTestUser("editor@docket.test", "EDITOR", "Eddie Editor");
  author = await createTestUser("author@docket.test", "AUTHOR", "Aria Author");
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function openSession(user: { id: string }, token = unique("session")) {
  await db().session.create({ data: { sessionToken: token, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
  return token;
}

async function auditOf(entityId: string) {
  return db().auditLog.findMany({ where: { entityId }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true, details: true } });
}

/** What the confirmation page's button does: next-auth's email callback with the link's token. */
function followSignInLink(email: string, token: string) {
  return AuthHandler({
    req: { action: "callback", providerId: "email", method: "GET", query: { token, email, callbackUrl: "/admin" }, cookies: {}, headers: { host: "docket.test" } },
    options: authOptions(),
  });
}

async function outboxCount() {
  return (await readdir(path.join(dataDir, "outbox")).catch(() => [] as string[])).length;
}

describe("changing a login's role", () => {
  it("applies on the login's very next request, without signing it out, and is audited", async () => {
    const guest = await createTestUser(`${unique("guest")}@example.org`, "GUEST", "Gil Guest");
    const session = await openSession(guest);
    const outcome = await runCommand(changeRole, admin, { userId: guest.id, role: "EDITOR" });
    expect(outcome.message).toBe(`${guest.email} is now an editor.`);
    expect(await findSessionUser(session)).toMatchObject({ id: guest.id, role: "EDITOR" });
    expect(await auditOf(guest.id)).toEqual([{ action: "user.role-changed", actorId: admin.id, details: { from: "GUEST", to: "EDITOR" } }]);

    await runCommand(changeRole, admin, { userId: guest.id, role: "GUEST" });
    expect(await findSessionUser(session)).toMatchObject({ role: "GUEST" });
  });

  it("says so when the role is already the chosen one, and records nothing", async () => {
    const outcome = await runCommand(changeRole, admin, { userId: author.id, role: "AUTHOR" });
    expect(outcome.message).toBe("author@docket.test is already an author.");
    expect(await auditOf(author.id)).toEqual([]);
  });

  it("refuses an unknown role or login with a message", async () => {
    await expect(runCommand(changeRole, admin, { userId: author.id, role: "OWNER" })).rejects.toMatchObject({ fieldErrors: { role: "Choose one of the four roles." } });
    await expect(runCommand(changeRole, admin, { userId: "no-such-login", role: "EDITOR" })).rejects.toThrow("That login no longer exists.");
  });

  it("refuses the last active admin's own demotion, and allows it once there is another admin", async () => {
    const refused = runCommand(changeRole, admin, { userId: admin.id, role: "EDITOR" });
    await expect(refused).rejects.toBeInstanceOf(UserFacingError);
    await expect(refused).rejects.toThrow("There must always be an active admin: make someone else an admin before changing this login's role.");
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");

    // A deactivated admin does not count.
    const dormant = await createTestUser(`${unique("dormant")}@example.org`, "ADMIN", null);
    await db().user.update({ where: { id: dormant.id }, data: { deactivatedAt: new Date() } });
    await expect(runCommand(changeRole, admin, { userId: admin.id, role: "EDITOR" })).rejects.toThrow(/There must always be an active admin/);

    const second = await createTestUser(`${unique("second.admin")}@example.org`, "ADMIN", null);
    await runCommand(changeRole, admin, { userId: admin.id, role: "EDITOR" });
    await expect(runCommand(changeRole, second, { userId: second.id, role: "AUTHOR" })).rejects.toThrow(/There must always be an active admin/);
    await runCommand(changeRole, second, { userId: admin.id, role: "ADMIN" });
    await runCommand(changeRole, admin, { userId: second.id, role: "EDITOR" });
  });

  it("lets only one of two admins demoting each other at the same moment succeed", async () => {
    const [one, two] = [await createTestUser(`${unique("one")}@example.org`, "ADMIN", null), await createTestUser(`${unique("two")}@example.org`, "ADMIN", null)];
    // The first admin steps back for a moment, leaving exactly these two.
    await db().user.update({ where: { id: admin.id }, data: { role: "EDITOR" } });
    // Another transaction holds both rows while the two demotions start, so that both are in flight
    // together: without the lock each would see two admins and both would go through.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT id FROM "User" WHERE id = ANY($1) FOR UPDATE`, [[one.id, two.id]]);
      const demotions = Promise.allSettled([
        runCommand(changeRole, one, { userId: two.id, role: "EDITOR" }),
        runCommand(changeRole, two, { userId: one.id, role: "EDITOR" }),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await holder.query("COMMIT");
      const results = await demotions;
      expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: expect.any(UserFacingError) });
      expect(await db().user.count({ where: { id: { in: [one.id, two.id] }, role: "ADMIN", deactivatedAt: null } })).toBe(1);
    } finally {
      await holder.end();
      await db().user.updateMany({ where: { id: { in: [one.id, two.id] } }, data: { role: "EDITOR" } });
      await db().user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    }
  });
});

describe("deactivating a login", () => {
  it("ends its sessions and unused sign-in links at once, keeps its posts and byline, and refuses a surviving session", async () => {
    const leaver = await createTestUser(`${unique("leaver")}@example.org`, "AUTHOR", "Lee Leaver");
    const post = await createTestPost(leaver, "PUBLISHED");
    const [laptop, phone] = [await openSession(leaver), await openSession(leaver)];
    const mailedLink = await createSignInToken(leaver.email);
    const bystander = await openSession(editor);

    const outcome = await runCommand(deactivateLogin, admin, { userId: leaver.id });
    expect(outcome.message).toBe(`${leaver.email} is deactivated and signed out everywhere. Their posts and bylines stay.`);
    expect(await findSessionUser(laptop)).toBeNull();
    expect(await findSessionUser(phone)).toBeNull();
    expect(await db().session.count({ where: { userId: leaver.id } })).toBe(0);
    expect(await findSessionUser(bystander)).toMatchObject({ id: editor.id });
    expect(await db().verificationToken.count({ where: { identifier: leaver.email } })).toBe(0);
    expect(await auditOf(leaver.id)).toEqual([{ action: "user.deactivated", actorId: admin.id, details: { sessionsEnded: 2 } }]);

    // Posts and bylines stay.
    expect(await db().post.findUniqueOrThrow({ where: { id: post.id }, select: { status: true, authors: { select: { profileId: true } } } })).toEqual({
      status: "PUBLISHED",
      authors: [{ profileId: leaver.profileId }],
    });
    expect((await getPublishedPost(post.slug))?.authors.map((byline) => byline.displayName)).toEqual(["Lee Leaver"]);

    // A session that somehow survived (made after the deactivation) is refused on its next request.
    expect(await findSessionUser(await openSession(leaver))).toBeNull();

    // The link mailed before is dead, and no new link works either.
    expect((await followSignInLink(leaver.email, mailedLink)).redirect).toBe(`${TEST_SITE}/api/auth/error?error=Verification`);
    expect((await followSignInLink(leaver.email, await createSignInToken(leaver.email))).redirect).toBe(`${TEST_SITE}/api/auth/error?error=AccessDenied`);
    const before = await outboxCount();
    await runCommand(requestSignIn, null, { email: leaver.email, ip: "10.9.0.1" });
    expect(await workOffQueuedJobs()).toBe(1);
    expect(await outboxCount()).toBe(before);

    // Deactivated people get no editors' notifications either.
    const deactivatedEditor = await createTestUser(`${unique("gone.editor")}@example.org`, "EDITOR", null);
    await runCommand(deactivateLogin, admin, { userId: deactivatedEditor.id });
    expect(await listEmailsWithPermission("posts.review")).not.toContain(deactivatedEditor.email);
    expect(await listEmailsWithPermission("posts.review")).toContain(editor.email);
  });

  it("refuses one's own login, an unknown login, and re-inviting a deactivated address", async () => {
    await expect(runCommand(deactivateLogin, admin, { userId: admin.id })).rejects.toThrow("You cannot deactivate your own login: another admin can.");
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).deactivatedAt).toBeNull();
    await expect(runCommand(deactivateLogin, admin, { userId: "no-such-login" })).rejects.toBeInstanceOf(InputError);

    const gone = await createTestUser(`${unique("gone")}@example.org`, "GUEST", null);
    await runCommand(deactivateLogin, admin, { userId: gone.id });
    expect((await runCommand(deactivateLogin, admin, { userId: gone.id })).message).toBe(`${gone.email} is already deactivated.`);
    await expect(runCommand(inviteAuthor, editor, { email: gone.email, role: "AUTHOR" })).rejects.toMatchObject({
      fieldErrors: { email: "That address belongs to a deactivated login: an admin can reactivate it from the People page." },
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: gone.id } })).role).toBe("GUEST");
  });

  it("never deactivates the last active admin, even when the caller's own session outlived its role", async () => {
    const formerAdmin = { ...admin, id: (await createTestUser(`${unique("former")}@example.org`, "EDITOR", null)).id };
    await expect(runCommand(deactivateLogin, formerAdmin, { userId: admin.id })).rejects.toThrow("There must always be an active admin: this is the last one.");
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).deactivatedAt).toBeNull();
  });

  it("is for admins only: an editor is refused", async () => {
    const target = await createTestUser(`${unique("target")}@example.org`, "GUEST", null);
    await expect(runCommand(deactivateLogin, editor, { userId: target.id })).rejects.toBeInstanceOf(AuthorizationError);
    await expect(runCommand(changeRole, editor, { userId: target.id, role: "ADMIN" })).rejects.toBeInstanceOf(AuthorizationError);
    expect(await db().user.findUniqueOrThrow({ where: { id: target.id }, select: { role: true, deactivatedAt: true } })).toEqual({ role: "GUEST", deactivatedAt: null });
  });
});

describe("reactivating a login", () => {
  it("lets it sign in again with a new link, and is audited", async () => {
    const returner = await createTestUser(`${unique("returner")}@example.org`, "AUTHOR", null);
    await runCommand(deactivateLogin, admin, { userId: returner.id });
    const outcome = await runCommand(reactivateLogin, admin, { userId: returner.id });
    expect(outcome.message).toBe(`${returner.email} is active again and can sign in with an emailed link.`);
    expect((await followSignInLink(returner.email, await createSignInToken(returner.email))).redirect).toBe(`${TEST_SITE}/admin`);
    expect((await auditOf(returner.id)).map((entry) => entry.action)).toEqual(["user.deactivated", "user.reactivated"]);
    expect((await runCommand(reactivateLogin, admin, { userId: returner.id })).message).toBe(`${returner.email} is already active.`);
  });
});

describe("editing any byline", () => {
  const REAL_NAME = "Hortensia Quillfeather-Realname";

  it("saves every public field, moves the author page, and keeps a pen name's real name for editors only", async () => {
    const writer = await createTestUser(`${unique("writer")}@example.org`, "GUEST", "Wendy Writer");
    const post = await createTestPost(writer, "PUBLISHED");
    const outcome = await runCommand(editByline, editor, {
      profileId: writer.profileId,
      displayName: "The Night Warden",
      slug: "The Night Warden!",
      bio: "Works nights on a remand wing.",
      xHandle: "@night_warden",
      website: "https://warden.example.org",
      avatarUrl: "/uploads/2026/11/warden.webp",
      isPseudonymous: "on",
      realName: REAL_NAME,
    });
    const oldSlug = writer.email.split("@")[0].replace(/[^a-z0-9]+/g, "-");
    expect(outcome.message).toBe("Byline saved. Its author page is now at /authors/the-night-warden; the old address leads there.");
    expect(outcome.tags).toEqual(expect.arrayContaining(["authors", "posts", "redirects", `author:${oldSlug}`, "author:the-night-warden"]));
    // The old author page, and its feed, lead to the new one.
    expect(await findRedirect(`/authors/${oldSlug}`)).toBe("/authors/the-night-warden");
    expect(await findRedirectKeepingRest(`/authors/${oldSlug}`, "/feed.xml")).toBe("/authors/the-night-warden/feed.xml");
    expect(await db().authorProfile.findUniqueOrThrow({ where: { id: writer.profileId! } })).toMatchObject({
      displayName: "The Night Warden",
      slug: "the-night-warden",
      bio: "Works nights on a remand wing.",
      xHandle: "night_warden",
      website: "https://warden.example.org",
      avatarUrl: "/uploads/2026/11/warden.webp",
      isPseudonymous: true,
      realName: REAL_NAME,
    });
    const [entry] = await auditOf(writer.profileId!);
    expect(entry).toMatchObject({ action: "profile.edited", actorId: editor.id });
    expect(JSON.stringify(entry)).not.toContain(REAL_NAME);

    // Readers see the pen name and never the real name: author page, post, feeds, search.
    const publicAuthor = await getPublicAuthor("the-night-warden");
    expect(publicAuthor).toMatchObject({ displayName: "The Night Warden", xHandle: "night_warden" });
    const readerOutputs = [
      publicAuthor,
      await listPublicAuthors(),
      await listAuthorPosts(publicAuthor!.id),
      await getPublishedPost(post.slug),
      await listFeedPosts({ kind: "site" }),
      await searchPosts("Warden", 1),
    ];
    for (const output of readerOutputs) expect(JSON.stringify(output)).not.toContain("Quillfeather");
    for (const format of ["rss", "atom"] as const) {
      const feed = await renderFeed({ kind: "author", slug: "the-night-warden" }, format);
      expect(feed).toContain("The Night Warden");
      expect(feed).not.toContain("Quillfeather");
    }
  });

  it("keeps every earlier address leading to the current one, and gives an address back to a byline that takes it again", async () => {
    const writer = await createTestUser(`${unique("mover")}@example.org`, "GUEST", "Mo Mover");
    const first = writer.email.split("@")[0].replace(/[^a-z0-9]+/g, "-");
    const base = { profileId: writer.profileId, displayName: "Mo Mover", bio: "" };
    await runCommand(editByline, editor, { ...base, slug: `${first}-two` });
    await runCommand(editByline, editor, { ...base, slug: `${first}-three` });
    expect(await findRedirect(`/authors/${first}`)).toBe(`/authors/${first}-three`);
    expect(await findRedirect(`/authors/${first}-two`)).toBe(`/authors/${first}-three`);
    await runCommand(editByline, editor, { ...base, slug: first });
    expect(await db().redirect.count({ where: { fromPath: `/authors/${first}` } })).toBe(0);
    expect(await findRedirect(`/authors/${first}-three`)).toBe(`/authors/${first}`);
  });

  it("refuses a taken address, a bad website or handle, and a picture from elsewhere, naming the field", async () => {
    const writer = await createTestUser(`${unique("refused")}@example.org`, "GUEST", "Rita Refused");
    const base = { profileId: writer.profileId, displayName: "Rita Refused", slug: "rita", bio: "", xHandle: "", website: "", avatarUrl: "" };
    await expect(runCommand(editByline, editor, { ...base, slug: "editor" })).rejects.toMatchObject({
      fieldErrors: { slug: "Another byline already has the address “editor”. Choose a different one." },
    });
    await expect(runCommand(editByline, editor, { ...base, slug: "!!!" })).rejects.toMatchObject({ fieldErrors: { slug: expect.stringMatching(/^Enter the author page's address/) } });
    await expect(runCommand(editByline, editor, { ...base, website: "javascript:alert(1)" })).rejects.toMatchObject({ fieldErrors: { website: "Enter a website starting with https://." } });
    await expect(runCommand(editByline, editor, { ...base, xHandle: "not a handle" })).rejects.toMatchObject({ fieldErrors: { xHandle: expect.stringMatching(/up to 30 letters/) } });
    await expect(runCommand(editByline, editor, { ...base, avatarUrl: "https://tracker.example/pixel.png" })).rejects.toMatchObject({
      fieldErrors: { avatarUrl: "Upload the picture here rather than linking to it." },
    });
    await expect(runCommand(editByline, editor, { ...base, displayName: "R" })).rejects.toMatchObject({ fieldErrors: { displayName: expect.any(String) } });
    await expect(runCommand(editByline, editor, { ...base, profileId: "no-such-byline" })).rejects.toThrow("That byline no longer exists.");
    expect(await db().authorProfile.findUniqueOrThrow({ where: { id: writer.profileId! }, select: { displayName: true, slug: true } })).toEqual({
      displayName: "Rita Refused",
      slug: writer.email.split("@")[0].replace(/[^a-z0-9]+/g, "-"),
    });
  });

  it("drops the real name when the byline stops being a pen name", async () => {
    const writer = await createTestUser(`${unique("unmasked")}@example.org`, "GUEST", "Una Unmasked");
    const base = { profileId: writer.profileId, displayName: "Una Unmasked", slug: "una-unmasked", bio: "" };
    await runCommand(editByline, editor, { ...base, isPseudonymous: "on", realName: "Someone Else" });
    await runCommand(editByline, editor, base);
    expect(await db().authorProfile.findUniqueOrThrow({ where: { id: writer.profileId! }, select: { isPseudonymous: true, realName: true } })).toEqual({
      isPseudonymous: false,
      realName: null,
    });
  });

  it("is for editors and admins: a writer cannot edit even their own byline here", async () => {
    await expect(
      runCommand(editByline, author, { profileId: author.profileId, displayName: "Aria Author", slug: "aria", bio: "" }),
    ).rejects.toBeInstanceOf(AuthorizationError);
  });
});
