import { simpleParser } from "mailparser";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import { assertAccess, findSessionUser } from "@/lib/auth";
import { AuthorizationError } from "@/lib/errors";
import { deleteAllSessionsOfUser } from "@/features/people/mutations";
import { authOptions, safeCallbackPath, SIGN_IN_LIMITS } from "@/features/people/sign-in";
import { completeProfile, inviteAuthor, requestSignIn } from "@/features/people/commands";
import { workOffQueuedJobs } from "../helpers/job-queue";
import { createPost } from "@/features/posts/commands";

// next-auth's request handler without Next's request context (its package exports hide ./core).
const { AuthHandler } = createRequire(import.meta.url)(
  path.resolve("node_modules/next-auth/core/index.js"),
) as {
  AuthHandler: (params: { req: Record<string, unknown>; options: unknown }) => Promise<{ redirect?: string; cookies?: { name: string; value: string }[] }>;
};

let dataDir: string;
const outbox = () => path.join(dataDir, "outbox");

beforeAll(async () => {
  dataDir = await useTestSettings();
  await openEditorialTestDatabase();
  await db().user.create({ data: { email: "editor@docket.test", role: "EDITOR" } });
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});
let earlierMails = new Set<string>();
const outboxFiles = async () => (await readdir(outbox()).catch(() => [] as string[])).sort();
beforeEach(async () => {
  earlierMails = new Set(await outboxFiles());
  await db().rateLimitCounter.deleteMany();
});

/** Mails the worker wrote to the outbox during the current test, oldest first. */
async function sentMails(): Promise<string[]> {
  await workOffQueuedJobs();
  const files = (await outboxFiles()).filter((file) => !earlierMails.has(file));
  return Promise.all(files.map((file) => readFile(path.join(outbox(), file), "utf8")));
}

function confirmLinkIn(raw: string): URL {
  const unfolded = raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const match = unfolded.match(/http:\/\/docket\.test\/admin\/sign-in\/confirm\?[^\s"<]+/);
  if (!match) throw new Error(`no confirm link in:\n${raw}`);
  return new URL(match[0].replace(/&amp;/g, "&"));
}

/** What the confirmation page's button does: next-auth's email callback with the link's parameters. */
async function followCallback(link: URL) {
  return AuthHandler({
    req: {
      action: "callback",
      providerId: "email",
      method: "GET",
      query: Object.fromEntries(link.searchParams),
      cookies: {},
      headers: { host: "docket.test" },
    },
    options: authOptions(),
  });
}

/** Asks for a link as the sign-in form does, then lets the worker make and send it. */
async function requestLink(input: { email: string; ip: string; callbackUrl?: string }) {
  const result = await runCommand(requestSignIn, null, input).then(
    () => ({ ok: true }),
    (error: Error) => ({ ok: false, error: error.message }),
  );
  await workOffQueuedJobs();
  return result;
}

describe("asking for a sign-in link", () => {
  it("emails a link to the confirmation page to a known address", async () => {
    expect(await requestLink({ email: " Editor@Docket.test ", ip: "10.0.0.1" })).toEqual({ ok: true });
    const mails = await sentMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatch(/^To: editor@docket\.test$/m);
    const link = confirmLinkIn(mails[0]);
    expect(link.searchParams.get("email")).toBe("editor@docket.test");
    expect(link.searchParams.get("callbackUrl")).toBe("/admin");
    expect(await db().verificationToken.count({ where: { identifier: "editor@docket.test" } })).toBe(1);
    // next-auth's own callback was not linked: a scanner fetching the link spends nothing.
    expect(mails[0]).not.toContain("/api/auth/callback");
  });

  it("answers an unknown address exactly the same, without sending anything or storing a token", async () => {
    const before = await db().verificationToken.count();
    expect(await requestLink({ email: "stranger@example.org", ip: "10.0.0.1" })).toEqual({ ok: true });
    expect(await sentMails()).toHaveLength(0);
    expect(await db().verificationToken.count()).toBe(before);
  });

  it("explains an invalid address", async () => {
    const result = await requestLink({ email: "not-an-address", ip: "10.0.0.1" });
    expect(result).toEqual({ ok: false, error: "Enter a valid email address, like name@example.org." });
  });

  it("limits attempts per address, even from many IPs, with a clear message", async () => {
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAddress.limit; attempt++) {
      expect((await requestLink({ email: "editor@docket.test", ip: `10.0.1.${attempt}` })).ok).toBe(true);
    }
    const refused = await requestLink({ email: "editor@docket.test", ip: "10.0.2.1" });
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/^Too many sign-in attempts\. Please try again in \d+ minutes?\.$/) });
    expect(await sentMails()).toHaveLength(SIGN_IN_LIMITS.perAddress.limit);
  });

  it("limits attempts per IP across addresses, known or not", async () => {
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perIp.limit; attempt++) {
      await requestLink({ email: `someone${attempt}@example.org`, ip: "10.0.3.1" });
    }
    expect((await requestLink({ email: "editor@docket.test", ip: "10.0.3.1" })).ok).toBe(false);
    expect((await requestLink({ email: "editor@docket.test", ip: "10.0.3.2" })).ok).toBe(true);
  });
});

describe("following the link", () => {
  it("creates a database session once; the same link then fails", async () => {
    await requestLink({ email: "editor@docket.test", ip: "10.0.4.1", callbackUrl: "/admin/posts" });
    const link = confirmLinkIn((await sentMails())[0]);

    const first = await followCallback(link);
    expect(first.redirect).toBe("http://docket.test/admin/posts");
    const sessionCookie = first.cookies?.find((cookie) => cookie.name === "next-auth.session-token");
    expect(sessionCookie?.value).toBeTruthy();
    const user = await findSessionUser(sessionCookie!.value);
    expect(user).toMatchObject({ email: "editor@docket.test", role: "EDITOR", profileId: null });

    const second = await followCallback(link);
    expect(second.redirect).toBe("http://docket.test/api/auth/error?error=Verification");
  });

  it("never follows a callback to another site", async () => {
    expect(safeCallbackPath("https://evil.example/admin")).toBe("/admin");
    expect(safeCallbackPath("//evil.example")).toBe("/admin");
    expect(safeCallbackPath("/admin/review")).toBe("/admin/review");
  });

  it("refuses a token for an address with no account and creates no user", async () => {
    const { createSignInToken } = await import("@/features/people/mutations");
    const token = await createSignInToken("ghost@example.org");
    const link = new URL(`http://docket.test/admin/sign-in/confirm?token=${token}&email=ghost%40example.org&callbackUrl=%2Fadmin`);
    const result = await followCallback(link);
    expect(result.redirect).toBe("http://docket.test/api/auth/error?error=AccessDenied");
    expect(await db().user.count({ where: { email: "ghost@example.org" } })).toBe(0);
  });

  it("expires links after 24 hours", async () => {
    const { createSignInToken } = await import("@/features/people/mutations");
    const token = await createSignInToken("editor@docket.test", new Date(Date.now() - 24 * 60 * 60 * 1000 - 1000));
    const link = new URL(`http://docket.test/x?token=${token}&email=editor%40docket.test`);
    expect((await followCallback(link)).redirect).toBe("http://docket.test/api/auth/error?error=Verification");
  });
});

describe("invitations", () => {
  it("an editor's invitation signs the guest in and leads to their profile, which they complete", async () => {
    const editor = await db().user.findUniqueOrThrow({ where: { email: "editor@docket.test" } });
    const editorUser = { id: editor.id, email: editor.email, role: "EDITOR" as const, profileId: null, displayName: "Eddie Editor", profileComplete: true };
    const series = await db().series.create({ data: { slug: "on-probation", title: "On Probation" } });
    await runCommand(inviteAuthor, editorUser, { email: "New.Guest@Example.org", role: "GUEST", seriesId: series.id });

    const [mail] = await sentMails();
    // The site's name set apart (U+2068 … U+2069), as every name in a subject is.
    expect((await simpleParser(mail)).subject).toBe("You are invited to write for \u2068Docket\u2069");
    expect(mail).toContain("On Probation");
    const link = confirmLinkIn(mail);
    expect(link.searchParams.get("callbackUrl")).toBe("/admin/profile");

    const signedIn = await followCallback(link);
    expect(signedIn.redirect).toBe("http://docket.test/admin/profile");
    const token = signedIn.cookies!.find((cookie) => cookie.name === "next-auth.session-token")!.value;
    const guest = await findSessionUser(token);
    expect(guest).toMatchObject({ email: "new.guest@example.org", role: "GUEST", profileComplete: false });

    await expect(runCommand(completeProfile, guest, { displayName: "", bio: "", xHandle: "", website: "" })).rejects.toThrow("Enter the name readers will see (at least 2 characters).");
    await expect(runCommand(completeProfile, guest, { displayName: "Pat", bio: "", xHandle: "not a handle!", website: "" })).rejects.toThrow(/up to 30 letters/);
    await runCommand(completeProfile, guest, { displayName: "Pat Probation", bio: "Probation officer.", xHandle: "@pat_p", website: "https://pat.example.org" });
    expect(await findSessionUser(token)).toMatchObject({ displayName: "Pat Probation", profileComplete: true });
    expect(await db().authorProfile.findFirstOrThrow({ where: { displayName: "Pat Probation" } })).toMatchObject({ slug: "pat-probation", xHandle: "pat_p" });
    expect(await db().invitation.findFirstOrThrow({ where: { email: "new.guest@example.org" } })).toMatchObject({ acceptedAt: expect.any(Date) });

    const signedInGuest = (await findSessionUser(token))!;
    const { postId } = (await runCommand(createPost, signedInGuest, { title: "My first probation post" })).data;
    expect(await db().post.findUniqueOrThrow({ where: { id: postId } })).toMatchObject({ seriesId: series.id });
  });
});

describe("sessions", () => {
  it("signing out everywhere ends every session of that user only", async () => {
    const editor = await db().user.findUniqueOrThrow({ where: { email: "editor@docket.test" } });
    const other = await db().user.create({ data: { email: "other@docket.test", role: "GUEST" } });
    const expires = new Date(Date.now() + 60_000);
    await db().session.createMany({
      data: [
        { sessionToken: "laptop", userId: editor.id, expires },
        { sessionToken: "phone", userId: editor.id, expires },
        { sessionToken: "theirs", userId: other.id, expires },
      ],
    });
    expect(await deleteAllSessionsOfUser(editor.id)).toBeGreaterThanOrEqual(2);
    expect(await findSessionUser("laptop")).toBeNull();
    expect(await findSessionUser("phone")).toBeNull();
    expect(await findSessionUser("theirs")).toMatchObject({ email: "other@docket.test" });
  });

  it("ignores expired sessions", async () => {
    const user = await db().user.create({ data: { email: "expired.session@docket.test", role: "EDITOR" } });
    await db().session.create({ data: { sessionToken: "old", userId: user.id, expires: new Date(Date.now() - 1000) } });
    await db().session.create({ data: { sessionToken: "current", userId: user.id, expires: new Date(Date.now() + 60_000) } });
    expect(await findSessionUser("old")).toBeNull();
    expect(await findSessionUser("current")).toMatchObject({ email: "expired.session@docket.test" });
  });

  it("role checks throw typed errors", () => {
    const guest = { id: "u", email: "g@x", role: "GUEST" as const, profileId: null, displayName: null, profileComplete: false };
    expect(() => assertAccess(null, "signed-in")).toThrow(AuthorizationError);
    expect(() => assertAccess(guest, "posts.review")).toThrow(expect.objectContaining({ failure: "FORBIDDEN" }));
    expect(assertAccess(guest, "signed-in")).toBe(guest);
  });
});
