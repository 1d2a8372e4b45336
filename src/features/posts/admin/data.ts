// Admin reads: posts as their writers and editors see them, the review queue, revisions, and the
// choices the editor offers. Nothing here is cached: the admin always shows the current state.
import "server-only";
import { db } from "@/lib/db";
import { can } from "@/lib/permissions";
import type { PostStatus, Role } from "@/generated/prisma/enums";
import type { PostAccessFacts } from "../permissions";

export async function findPostAccessFacts(postId: string): Promise<(PostAccessFacts & { id: string; slug: string }) | null> {
  const post = await db().post.findUnique({
    where: { id: postId },
    select: { id: true, slug: true, status: true, createdById: true, authors: { select: { profileId: true } } },
  });
  if (!post) return null;
  return { id: post.id, slug: post.slug, status: post.status, createdById: post.createdById, authorProfileIds: post.authors.map((a) => a.profileId) };
}

export async function findPostForEditing(postId: string) {
  return db().post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      slug: true,
      title: true,
      standfirst: true,
      bodyMarkdown: true,
      status: true,
      scheduledFor: true,
      publishedAt: true,
      submittedAt: true,
      updatedAt: true,
      createdById: true,
      coverImageUrl: true,
      coverImageAlt: true,
      commentsOpen: true,
      categoryId: true,
      seriesId: true,
      seriesPosition: true,
      authors: { orderBy: { position: "asc" }, select: { profileId: true, profile: { select: { displayName: true } } } },
      tags: { select: { tag: { select: { name: true } } } },
      notes: {
        orderBy: { createdAt: "asc" },
        select: { id: true, body: true, createdAt: true, author: { select: { email: true, profile: { select: { displayName: true } } } } },
      },
    },
  });
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

/** Submitted posts, the longest-waiting first. */
export async function listReviewQueue() {
  return db().post.findMany({ where: { status: "SUBMITTED" }, orderBy: [{ submittedAt: "asc" }, { createdAt: "asc" }], select: postListSelect });
}

export async function listScheduledPosts() {
  return db().post.findMany({ where: { status: "SCHEDULED" }, orderBy: { scheduledFor: "asc" }, select: postListSelect });
}

export async function listRevisions(postId: string) {
  return db().revision.findMany({
    where: { postId },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, createdAt: true, author: { select: { email: true, profile: { select: { displayName: true } } } } },
  });
}

export async function findRevision(postId: string, revisionId: string) {
  return db().revision.findFirst({ where: { id: revisionId, postId }, select: { id: true, title: true, standfirst: true, bodyMarkdown: true, createdAt: true } });
}

export async function findLatestRevision(postId: string) {
  return db().revision.findFirst({ where: { postId }, orderBy: { createdAt: "desc" }, select: { id: true, title: true, standfirst: true, bodyMarkdown: true } });
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
