// Shared set-up for the auth, editorial, authorization and upload tests.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { useTestDatabase as openTestDatabase } from "../helpers/database";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth";
import type { Role } from "@/generated/prisma/enums";
import { insertPosts, type PostSnapshot } from "@/features/posts/store";
import { runCommand } from "@/lib/action";
import { savePost } from "@/features/posts/commands";
import { savePage } from "@/features/pages/commands";

export const TEST_SITE = "http://docket.test";

/** This test file's own copy of the migrated template database. */
export async function openEditorialTestDatabase(): Promise<void> {
  await openTestDatabase();
}

/** Settings every test here needs; the outbox lives in a fresh temporary data folder. */
export async function useTestSettings(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "docket-editorial-"));
  process.env.DOCKET_DATA_DIR = dataDir;
  process.env.NEXTAUTH_SECRET = "test-secret-test-secret-test-secret-0123456789";
  process.env.NEXTAUTH_URL = TEST_SITE;
  process.env.SITE_URL = TEST_SITE;
  // A queued email the outbox could not take is tried again after a second, not half a minute.
  process.env.MAIL_RETRY_DELAY_SECONDS = "1";
  delete process.env.SMTP_URL;
  return dataDir;
}

export async function createTestUser(email: string, role: Role, displayName: string | null): Promise<SessionUser> {
  const user = await db().user.create({
    data: {
      email,
      role,
      ...(displayName ? { profile: { create: { slug: email.split("@")[0].replace(/[^a-z0-9]+/g, "-"), displayName } } } : {}),
    },
    select: { id: true, profile: { select: { id: true } } },
  });
  return { id: user.id, email, role, profileId: user.profile?.id ?? null, displayName, profileComplete: Boolean(displayName) };
}

export type Actor = "ADMIN" | "EDITOR" | "AUTHOR" | "GUEST";

/** One user per role, each with a byline, plus another author whose posts are "someone else's". */
export async function createCast() {
  return {
    ADMIN: await createTestUser("admin@docket.test", "ADMIN", "Ada Admin"),
    EDITOR: await createTestUser("editor@docket.test", "EDITOR", "Eddie Editor"),
    AUTHOR: await createTestUser("author@docket.test", "AUTHOR", "Aria Author"),
    GUEST: await createTestUser("guest@docket.test", "GUEST", "Gus Guest"),
    OTHER: await createTestUser("other@docket.test", "AUTHOR", "Otto Other"),
  };
}

let postCounter = 0;
/** A post by `owner` in the given state, with text ready for review, written by the post store. */
export async function createTestPost(owner: SessionUser, status: "DRAFT" | "SUBMITTED" | "CHANGES_REQUESTED" | "SCHEDULED" | "PUBLISHED" | "UNPUBLISHED" = "DRAFT", extra: { seriesId?: string } = {}) {
  postCounter += 1;
  const [id] = await insertPosts([
    {
      status,
      createdById: owner.id,
      revisionAuthorId: owner.id,
      submittedAt: status === "SUBMITTED" ? new Date() : null,
      scheduledFor: status === "SCHEDULED" ? new Date(Date.now() + 86_400_000) : null,
      publishedAt: status === "PUBLISHED" ? new Date() : null,
      snapshot: { ...emptySnapshot, slug: `test-post-${postCounter}-${Date.now()}`, title: `Test post ${postCounter}`, bodyMarkdown: "Some **text** worth reading.", seriesId: extra.seriesId ?? null, authorProfileIds: [owner.profileId!] },
    },
  ]);
  const post = await db().post.findUniqueOrThrow({ where: { id }, select: { id: true, slug: true, revisions: { select: { id: true } } } });
  return { id: post.id, slug: post.slug, revisionId: post.revisions[0].id };
}

/** A snapshot with nothing in it, for tests to fill in. */
export const emptySnapshot: PostSnapshot = {
  slug: "",
  title: "",
  standfirst: null,
  bodyMarkdown: "",
  categoryId: null,
  seriesId: null,
  seriesPosition: null,
  coverImageUrl: null,
  coverImageAlt: null,
  commentsOpen: true,
  tagIds: [],
  authorProfileIds: [],
};

/** The editor's save as a writer at the latest version makes it: from the revision the post holds now. */
export async function editPost(user: SessionUser | null, input: { postId: string } & Record<string, unknown>) {
  const latest = await db().revision.findFirst({ where: { postId: input.postId }, orderBy: { number: "desc" }, select: { id: true } });
  return runCommand(savePost, user, { baseRevisionId: latest?.id ?? "none", ...input });
}

/** The same for a static page. */
export async function editPage(user: SessionUser | null, input: { pageId: string } & Record<string, unknown>) {
  const latest = await db().pageRevision.findFirst({ where: { pageId: input.pageId }, orderBy: { number: "desc" }, select: { id: true } });
  return runCommand(savePage, user, { baseRevisionId: latest?.id ?? "none", ...input });
}
