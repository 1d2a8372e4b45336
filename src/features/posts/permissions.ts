// Who may do what to a post: the role's permissions (src/lib/permissions.ts) plus ownership and the
// post's state. Commands call these on the server before every change; pages call them only to decide
// which buttons to show.
import type { PostStatus } from "@/generated/prisma/enums";
import type { SessionUser } from "@/lib/auth";
import { can } from "@/lib/permissions";

/** `changesSubmitted`: a published post whose working copy a writer sent for review. */
export type PostAccessFacts = { status: PostStatus; authorProfileIds: string[]; createdById: string | null; changesSubmitted?: boolean };

type Viewer = Pick<SessionUser, "id" | "role" | "profileId">;

export function isOwnPost(user: Viewer, post: PostAccessFacts): boolean {
  return post.createdById === user.id || (user.profileId !== null && post.authorProfileIds.includes(user.profileId));
}

/**
 * A writer's own post is theirs to edit while a draft or sent back, and once it is out (a working copy
 * readers do not see); an author's also once unpublished. Changes sent for review are locked until an
 * editor responds, as a submitted draft is.
 */
function ownPostEditable(user: Viewer, post: PostAccessFacts): boolean {
  const states: readonly PostStatus[] = can(user, "posts.publishOwn") ? ["DRAFT", "CHANGES_REQUESTED", "PUBLISHED", "UNPUBLISHED"] : ["DRAFT", "CHANGES_REQUESTED", "PUBLISHED"];
  return states.includes(post.status) && !(post.status === "PUBLISHED" && post.changesSubmitted && !can(user, "posts.publishOwn"));
}

/** Who may put a post before readers: editors any post, authors their own. */
function mayPublish(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.editAny") || (can(user, "posts.publishOwn") && isOwnPost(user, post));
}

export function canViewPost(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.editAny") || isOwnPost(user, post);
}

export function canEditPost(user: Viewer, post: PostAccessFacts): boolean {
  if (can(user, "posts.editAny")) return true;
  return can(user, "posts.write") && isOwnPost(user, post) && ownPostEditable(user, post);
}

export function canSubmitPost(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.write") && isOwnPost(user, post) && (post.status === "DRAFT" || post.status === "CHANGES_REQUESTED");
}

export function canPublishPost(user: Viewer, post: PostAccessFacts): boolean {
  return post.status !== "PUBLISHED" && mayPublish(user, post);
}

/** Update: a published post's working copy goes live. */
export function canUpdatePost(user: Viewer, post: PostAccessFacts): boolean {
  return post.status === "PUBLISHED" && mayPublish(user, post);
}

/** Discard changes: whoever may edit the published post drops its working copy. */
export function canDiscardChanges(user: Viewer, post: PostAccessFacts): boolean {
  return post.status === "PUBLISHED" && canEditPost(user, post);
}

/** A writer who may not publish sends a published post's changes for review. */
export function canSubmitChanges(user: Viewer, post: PostAccessFacts): boolean {
  return post.status === "PUBLISHED" && !mayPublish(user, post) && can(user, "posts.write") && isOwnPost(user, post) && !post.changesSubmitted;
}

export function canScheduleUpdate(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.review") && post.status === "PUBLISHED";
}

/** Corrections and clarifications: an editor's, on a post readers have. */
export function canCorrectPost(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.review") && post.status === "PUBLISHED";
}

/** Feedback notes: any post an editor can see. */
export function canAddNote(user: Viewer): boolean {
  return can(user, "posts.review");
}

export function canSchedulePost(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.review") && post.status !== "PUBLISHED";
}

export function canRequestChanges(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.review") && (post.status === "SUBMITTED" || post.status === "SCHEDULED" || (post.status === "PUBLISHED" && Boolean(post.changesSubmitted)));
}

export function canUnpublishPost(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.review") && (post.status === "PUBLISHED" || post.status === "SCHEDULED");
}

export type PostActionFlags = {
  canSubmit: boolean;
  canPublish: boolean;
  canUpdate: boolean;
  canDiscard: boolean;
  canSubmitChanges: boolean;
  canScheduleUpdate: boolean;
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
    canUpdate: canUpdatePost(user, post),
    canDiscard: canDiscardChanges(user, post),
    canSubmitChanges: canSubmitChanges(user, post),
    canScheduleUpdate: canScheduleUpdate(user, post),
    canSchedule: canSchedulePost(user, post),
    canRequestChanges: canRequestChanges(user, post),
    canUnpublish: canUnpublishPost(user, post),
    canNote: canAddNote(user),
  };
}
