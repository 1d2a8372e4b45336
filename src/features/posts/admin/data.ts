// Admin reads: posts as their writers and editors see them, the review queue, revisions, and the
// choices the editor offers. Nothing here is cached: the admin always shows the current state.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { can } from "@/lib/permissions";
import type { PostStatus, Role } from "@/generated/prisma/enums";
import type { PostAccessFacts } from "../permissions";
import { revisionSelect, sameSnapshot, type StoredRevision } from "../store";

/** The Post columns a snapshot holds (tags and bylines are relations there). */
const snapshotColumns = {
  slug: true,
  title: true,
  standfirst: true,
  bodyMarkdown: true,
  categoryId: true,
  seriesId: true,
  seriesPosition: true,
  coverImageUrl: true,
  coverImageAlt: true,
  commentsOpen: true,
} satisfies Prisma.PostSelect;

/** Changes to a published post that wait for an editor. */
const submittedChanges = { revisions: { some: { submittedAt: { not: null } } } } satisfies Prisma.PostWhereInput;

export async function findPostAccessFacts(postId: string): Promise<(PostAccessFacts & { id: string; slug: string }) | null> {
  const post = await db().post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      slug: true,
      status: true,
      createdById: true,
      authors: { select: { profileId: true } },
      revisions: { where: { submittedAt: { not: null } }, select: { id: true }, take: 1 },
    },
  });
  if (!post) return null;
  return {
    id: post.id,
    slug: post.slug,
    status: post.status,
    createdById: post.createdById,
    authorProfileIds: post.authors.map((a) => a.profileId),
    changesSubmitted: post.status === "PUBLISHED" && post.revisions.length > 0,
  };
}

const versionSelect = { ...revisionSelect, author: { select: { email: true, profile: { select: { displayName: true } } } } } satisfies Prisma.RevisionSelect;
type VersionRow = Prisma.RevisionGetPayload<{ select: typeof versionSelect }>;

/** A revision as the editor shows it: its snapshot with tag names, who saved it and when. */
export type PostVersion = StoredRevision & { savedBy: string; tagNames: string[] };

async function toVersions(rows: VersionRow[]): Promise<PostVersion[]> {
  const tagIds = [...new Set(rows.flatMap((row) => row.tagIds))];
  const names = new Map((await db().tag.findMany({ where: { id: { in: tagIds } }, select: { id: true, name: true } })).map((tag) => [tag.id, tag.name]));
  return rows.map(({ author, ...revision }) => ({
    ...revision,
    savedBy: author?.profile?.displayName ?? author?.email ?? "An import",
    tagNames: revision.tagIds.flatMap((id) => names.get(id) ?? []).sort((a, b) => a.localeCompare(b)),
  }));
}

export async function findPostVersion(revisionId: string): Promise<PostVersion | null> {
  const row = await db().revision.findUnique({ where: { id: revisionId }, select: versionSelect });
  return row ? (await toVersions([row]))[0] : null;
}

/**
 * A post written outside the post store with no revision yet, as a version (its first save gives it
 * one): what it shows, with an empty id.
 */
async function rowAsVersion(postId: string): Promise<VersionRow> {
  const row = await db().post.findUniqueOrThrow({
    where: { id: postId },
    select: { ...snapshotColumns, updatedAt: true, tags: { select: { tagId: true } }, authors: { orderBy: { position: "asc" }, select: { profileId: true } } },
  });
  const { updatedAt, tags, authors, ...snapshot } = row;
  return {
    ...snapshot,
    id: "",
    number: 0,
    createdAt: updatedAt,
    authorId: null,
    submittedAt: null,
    scheduledFor: null,
    author: null,
    tagIds: tags.map((tag) => tag.tagId),
    authorProfileIds: authors.map((author) => author.profileId),
  };
}

/**
 * A post as its editor page shows it: the latest revision (what the editor opens), the live one when
 * the post is published (what readers get), whether that latest revision waits for review or is
 * scheduled to go live, and the editors' notes.
 */
export async function findPostForEditing(postId: string) {
  const post = await db().post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      scheduledFor: true,
      publishedAt: true,
      submittedAt: true,
      updatedAt: true,
      createdById: true,
      liveRevisionId: true,
      bodyMarkdown: true,
      authors: { orderBy: { position: "asc" }, select: { profileId: true, profile: { select: { displayName: true } } } },
      notes: {
        orderBy: { createdAt: "asc" },
        select: { id: true, body: true, createdAt: true, author: { select: { email: true, profile: { select: { displayName: true } } } } },
      },
    },
  });
  if (!post) return null;
  const latestRow = (await db().revision.findFirst({ where: { postId }, orderBy: { number: "desc" }, select: versionSelect })) ?? (await rowAsVersion(postId));
  const liveRow =
    post.status === "PUBLISHED" && post.liveRevisionId && post.liveRevisionId !== latestRow.id
      ? await db().revision.findUnique({ where: { id: post.liveRevisionId }, select: versionSelect })
      : null;
  const [latest, live] = await toVersions(liveRow && !sameSnapshot(liveRow, latestRow) ? [latestRow, liveRow] : [latestRow]);
  const scheduledUpdate = await db().revision.findFirst({ where: { postId, scheduledFor: { not: null } }, select: { id: true, number: true, scheduledFor: true } });
  return {
    ...post,
    latest,
    /** Null unless the post is published with changes readers do not see yet. */
    live: live ?? null,
    changesSubmitted: post.status === "PUBLISHED" && latest.submittedAt !== null,
    scheduledUpdate,
  };
}
export type PostForEditing = NonNullable<Awaited<ReturnType<typeof findPostForEditing>>>;

const postListSelect = {
  id: true,
  slug: true,
  title: true,
  status: true,
  updatedAt: true,
  submittedAt: true,
  scheduledFor: true,
  publishedAt: true,
  authors: { orderBy: { position: "asc" as const }, select: { profile: { select: { displayName: true } } } },
};

/** Editors see every post; everyone else sees the posts they wrote or are a byline on. */
export async function listPostsVisibleTo(user: { id: string; profileId: string | null; role: Role }, status?: PostStatus) {
  return db().post.findMany({
    where: {
      ...(status ? { status } : {}),
      ...(can(user, "posts.editAny")
        ? {}
        : { OR: [{ createdById: user.id }, ...(user.profileId ? [{ authors: { some: { profileId: user.profileId } } }] : [])] }),
    },
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: postListSelect,
  });
}

/** Submitted posts, and published posts whose changes wait for review, the longest-waiting first. */
export async function listReviewQueue() {
  const [drafts, changes] = await Promise.all([
    db().post.findMany({ where: { status: "SUBMITTED" }, select: postListSelect }),
    db().post.findMany({
      where: { status: "PUBLISHED", ...submittedChanges },
      select: { ...postListSelect, revisions: { where: { submittedAt: { not: null } }, select: { submittedAt: true }, take: 1 } },
    }),
  ]);
  const queue = [
    ...drafts.map((post) => ({ ...post, changesToPublished: false })),
    ...changes.map(({ revisions, ...post }) => ({ ...post, submittedAt: revisions[0]?.submittedAt ?? null, changesToPublished: true })),
  ];
  return queue.sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
}

export async function listScheduledPosts() {
  return db().post.findMany({ where: { status: "SCHEDULED" }, orderBy: { scheduledFor: "asc" }, select: postListSelect });
}

export async function listRevisions(postId: string) {
  return db().revision.findMany({
    where: { postId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, title: true, createdAt: true, author: { select: { email: true, profile: { select: { displayName: true } } } } },
  });
}

/** The revision readers get, when the post is published. */
export async function findLiveRevisionId(postId: string): Promise<string | null> {
  const post = await db().post.findUnique({ where: { id: postId }, select: { status: true, liveRevisionId: true } });
  return post?.status === "PUBLISHED" ? post.liveRevisionId : null;
}

export async function findRevision(postId: string, revisionId: string) {
  return db().revision.findFirst({ where: { id: revisionId, postId }, select: { id: true, number: true, title: true, standfirst: true, bodyMarkdown: true, createdAt: true } });
}

/** The latest revision: the working copy of a published post, the text of any other. */
export async function findLatestRevision(postId: string): Promise<StoredRevision> {
  return (await db().revision.findFirst({ where: { postId }, orderBy: { number: "desc" }, select: revisionSelect })) ?? (await rowAsVersion(postId));
}

export async function listCategoryChoices() {
  return db().category.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export async function listSeriesChoices() {
  return db().series.findMany({ orderBy: { title: "asc" }, select: { id: true, title: true } });
}

/** Login addresses of the people on a post's byline (bylines with no login get no mail). */
export async function listPostAuthorEmails(postId: string): Promise<string[]> {
  const authors = await db().postAuthor.findMany({
    where: { postId, profile: { user: { isNot: null } } },
    select: { profile: { select: { user: { select: { email: true } } } } },
  });
  return authors.flatMap((author) => (author.profile.user ? [author.profile.user.email] : []));
}

export async function isSlugTaken(slug: string, exceptPostId?: string): Promise<boolean> {
  const found = await db().post.findUnique({ where: { slug }, select: { id: true } });
  return Boolean(found && found.id !== exceptPostId);
}

export async function findPostSummary(postId: string) {
  return db().post.findUniqueOrThrow({ where: { id: postId }, select: { id: true, title: true, slug: true, scheduledFor: true } });
}


export async function countExistingProfiles(profileIds: string[]): Promise<number> {
  return db().authorProfile.count({ where: { id: { in: profileIds } } });
}

/** The series a guest was invited to write for (their latest invitation naming one), if any. */
export async function findInvitedSeriesId(email: string): Promise<string | null> {
  const invitation = await db().invitation.findFirst({
    where: { email: email.toLowerCase(), seriesId: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { seriesId: true },
  });
  return invitation?.seriesId ?? null;
}

export async function categoryExists(categoryId: string): Promise<boolean> {
  return (await db().category.count({ where: { id: categoryId } })) > 0;
}

export async function seriesExists(seriesId: string): Promise<boolean> {
  return (await db().series.count({ where: { id: seriesId } })) > 0;
}
