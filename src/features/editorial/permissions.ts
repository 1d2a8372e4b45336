// Who may do what to a post. Pure functions over the user and the post's state: commands call them
// on the server before every change, and pages call them only to decide which buttons to show.
import type { PostStatus, Role } from "@/generated/prisma/enums";
import type { SessionUser } from "@/lib/auth";

export type PostAccessFacts = { status: PostStatus; authorProfileIds: string[]; createdById: string | null };

export function isEditor(user: Pick<SessionUser, "role">): boolean {
  return user.role === "ADMIN" || user.role === "EDITOR";
}

export function isOwnPost(user: SessionUser, post: PostAccessFacts): boolean {
  return post.createdById === user.id || (user.profileId !== null && post.authorProfileIds.includes(user.profileId));
}

const writerEditableStatuses: Record<Role, readonly PostStatus[]> = {
  ADMIN: ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "SCHEDULED", "PUBLISHED", "UNPUBLISHED"],
  EDITOR: ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "SCHEDULED", "PUBLISHED", "UNPUBLISHED"],
  // An author publishes their own work, so may also correct it once it is out.
  AUTHOR: ["DRAFT", "CHANGES_REQUESTED", "PUBLISHED", "UNPUBLISHED"],
  // A guest's draft is locked once submitted, until an editor asks for changes.
  GUEST: ["DRAFT", "CHANGES_REQUESTED"],
};

export function canViewPost(user: SessionUser, post: PostAccessFacts): boolean {
  return isEditor(user) || isOwnPost(user, post);
}

export function canEditPost(user: SessionUser, post: PostAccessFacts): boolean {
  if (!isEditor(user) && !isOwnPost(user, post)) return false;
  return writerEditableStatuses[user.role].includes(post.status);
}

export function canSubmitPost(user: SessionUser, post: PostAccessFacts): boolean {
  return isOwnPost(user, post) && (post.status === "DRAFT" || post.status === "CHANGES_REQUESTED");
}

export function canPublishPost(user: SessionUser, post: PostAccessFacts): boolean {
  if (post.status === "PUBLISHED") return false;
  if (isEditor(user)) return true;
  return user.role === "AUTHOR" && isOwnPost(user, post);
}

/** Review decisions (feedback, changes, scheduling, unpublishing) belong to editors. */
export function canReviewPost(user: SessionUser): boolean {
  return isEditor(user);
}

export function canSchedulePost(user: SessionUser, post: PostAccessFacts): boolean {
  return isEditor(user) && post.status !== "PUBLISHED";
}

export function canRequestChanges(user: SessionUser, post: PostAccessFacts): boolean {
  return isEditor(user) && (post.status === "SUBMITTED" || post.status === "SCHEDULED");
}

export function canUnpublishPost(user: SessionUser, post: PostAccessFacts): boolean {
  return isEditor(user) && (post.status === "PUBLISHED" || post.status === "SCHEDULED");
}
