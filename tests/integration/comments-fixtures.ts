// People and posts for the comment tests: an editor, an admin, a post author, a guest, and posts
// that are open, closed, old and unpublished.
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth";
import type { Role } from "@/generated/prisma/enums";
import { commentFormSchema, type CommentFormInput, type CommentSubmission } from "@/features/comments/schema";
import { createFormToken, hashIp } from "@/features/comments/signing";

export const TEST_SECRET = "comments-test-secret-0123456789-abcdefghijkl";

async function createUser(email: string, role: Role, displayName: string): Promise<SessionUser> {
  const user = await db().user.create({
    data: { email, role, name: displayName, profile: { create: { slug: email.split("@")[0], displayName } } },
    select: { id: true, profile: { select: { id: true } } },
  });
  return { id: user.id, email, role, profileId: user.profile!.id, displayName, profileComplete: true };
}

export async function createCommentFixtures() {
  const admin = await createUser("admin@docket.test", "ADMIN", "Ada Admin");
  const editor = await createUser("editor@docket.test", "EDITOR", "Eddie Editor");
  const author = await createUser("author@docket.test", "AUTHOR", "Aria Author");
  const coAuthor = await createUser("coauthor@docket.test", "GUEST", "Cole Coauthor");
  const guest = await createUser("guest@docket.test", "GUEST", "Gus Guest");
  const publishedAt = new Date("2026-11-01T09:00:00Z");
  const createPost = (slug: string, data: { status?: "PUBLISHED" | "DRAFT"; commentsOpen?: boolean; publishedAt?: Date } = {}) =>
    db().post.create({
      data: {
        slug,
        title: `Post ${slug}`,
        status: data.status ?? "PUBLISHED",
        publishedAt: data.status === "DRAFT" ? null : (data.publishedAt ?? publishedAt),
        commentsOpen: data.commentsOpen ?? true,
        authors: {
          create: [
            { profileId: author.profileId!, position: 0 },
            { profileId: coAuthor.profileId!, position: 1 },
          ],
        },
      },
      select: { id: true, slug: true },
    });
  return {
    admin,
    editor,
    author,
    coAuthor,
    guest,
    post: await createPost("open-post"),
    closedPost: await createPost("closed-post", { commentsOpen: false }),
    oldPost: await createPost("old-post", { publishedAt: new Date("2025-01-01T09:00:00Z") }),
    draft: await createPost("draft-post", { status: "DRAFT" }),
  };
}

/** A valid form submission whose form was rendered 20 s before `now`. */
export function commentForm(postId: string, now: Date, overrides: Partial<CommentFormInput> = {}): CommentSubmission {
  return commentFormSchema.parse({
    postId,
    authorName: "Rita Reader",
    authorEmail: "rita@example.org",
    body: "A thoughtful comment about sentencing.",
    formToken: createFormToken(new Date(now.getTime() - 20_000)),
    ...overrides,
  });
}

export function ipFor(ip: string) {
  return { ip, ipHash: hashIp(ip) };
}
