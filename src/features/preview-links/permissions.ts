// Who may make and revoke preview links for a post: editors for any post, a writer for their own,
// while the post is not published (a published post has its own address to share).
import type { SessionUser } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { isOwnPost, type PostAccessFacts } from "@/features/posts/permissions";

type Viewer = Pick<SessionUser, "id" | "role" | "profileId">;

/** Editors for any post, a writer for their own: they may withdraw any of its links, whatever its state now. */
export function canRevokePreview(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.editAny") || (can(user, "posts.write") && isOwnPost(user, post));
}

export function canSharePreview(user: Viewer, post: PostAccessFacts): boolean {
  return post.status !== "PUBLISHED" && canRevokePreview(user, post);
}
