// Who may make and revoke preview links for a post: editors for any post, a writer for their own,
// while the post is not published (a published post has its own address to share).
import type { SessionUser } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { isOwnPost, type PostAccessFacts } from "@/features/posts/permissions";

type Viewer = Pick<SessionUser, "id" | "role" | "profileId">;

export function canSharePreview(user: Viewer, post: PostAccessFacts): boolean {
  if (post.status === "PUBLISHED") return false;
  return can(user, "posts.editAny") || (can(user, "posts.write") && isOwnPost(user, post));
}

/** Whoever may share previews of the post may withdraw any of its links, whatever its state now. */
export function canRevokePreview(user: Viewer, post: PostAccessFacts): boolean {
  return can(user, "posts.editAny") || (can(user, "posts.write") && isOwnPost(user, post));
}
