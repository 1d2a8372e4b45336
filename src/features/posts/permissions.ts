// Who may do what to a post: the role's permissions (src/lib/permissions.ts) plus ownership and the
// post's state. Commands call these on the server before every change; pages call them only to decide
// which buttons to show.
import type { PostStatus } from "@/generated/prisma/enums";
import type { SessionUser } from "@/lib/auth";
import { can } from "@/lib/permissions";

export type PostAccessFacts = { status: PostStatus; authorProfileIds: string[]; createdById: string | null };

type Viewer = Pick<SessionUser, "id" | "role" | "profileId">;

export function isOwnPost(user: Viewer, post: PostAccessFacts): boolean {
  return post.createdById === user.id || (user.profileId !== null && post.authorProfileIds.includes(user.profileId));
}

/** A writer's own post is theirs to edit while a draft or sent back; an author's also once it is out. */
function ownPostEditableIn(user: Viewer): readonly PostStatus[] {
  return can(user, "posts.publishOwn") ? ["DRAFT", "CHANGES_REQUESTED", "PUBLISHED", "UNPUBLISHED"] : ["DRAFT", "CHANGES_REQUESTED"];
}

export function canViewPost(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.editAny") || isOwnPost(user, post);
}

export function canEditPost(user: Viewer, post: PostAccessFacts): boolean {
  if (can(user, "posts.editAny")) return true;
  return can(user, "posts.write") && isOwnPost(user, post) && ownPostEditableIn(user).includes(post.status);
}

export function canSubmitPost(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.write") && isOwnPost(user, post) && (post.status === "DRAFT" || post.status === "CHANGES_REQUESTED");
}

export function canPublishPost(user: Viewer, post: PostAccessFacts): boolean {
  if (post.status === "PUBLISHED") return false;
  return can(user, "posts.editAny") || (can(user, "posts.publishOwn") && isOwnPost(user, post));
}

/** Feedback notes: any post an editor can see. */
export function canAddNote(user: Viewer): boolean {
  return can(user, "posts.review");
}

export function canSchedulePost(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.review") && post.status !== "PUBLISHED";
}

export function canRequestChanges(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.review") && (post.status === "SUBMITTED" || post.status === "SCHEDULED");
}

export function canUnpublishPost(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.review") && (post.status === "PUBLISHED" || post.status === "SCHEDULED");
}

export type PostActionFlags = {
  canSubmit: boolean;
  canPublish: boolean;
  canSchedule: boolean;
  canRequestChanges: boolean;
  canUnpublish: boolean;
  canNote: boolean;
};

/** Which lifecycle buttons the editor page shows this user for this post. */
export function postActionFlags(user: Viewer, post: PostAccessFacts): PostActionFlags {
  return {
    canSubmit: canSubmitPost(user, post),
    canPublish: canPublishPost(user, post),
    canSchedule: canSchedulePost(user, post),
    canRequestChanges: canRequestChanges(user, post),
    canUnpublish: canUnpublishPost(user, post),
    canNote: canAddNote(user),
  };
}
