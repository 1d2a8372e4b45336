// Preview links as commands (src/lib/action.ts): an editor, or a writer of the post, makes a secret
// link to an unpublished post for a reviewer without an account, and may revoke it.
import "server-only";
import { defineCommand } from "@/lib/action";
import { AuthorizationError, InputError, NOT_ALLOWED } from "@/lib/errors";
import { absoluteUrl } from "@/lib/seo";
import { findPostAccessFacts } from "@/features/posts/admin/data";
import { canViewPost } from "@/features/posts/permissions";
import { findPreviewLinkPost } from "./data";
import { createPreviewLink, revokePreviewLink } from "./mutations";
import { canRevokePreview, canSharePreview } from "./permissions";
import { createPreviewLinkSchema, revokePreviewLinkSchema } from "./schema";
import { previewPath } from "./token";

const POST_GONE = "This post no longer exists.";

export const makePreviewLink = defineCommand({
  access: "posts.write",
  input: createPreviewLinkSchema,
  async run({ postId, days }, actor) {
    const post = await findPostAccessFacts(postId);
    if (!post) throw new InputError(POST_GONE);
    if (!canSharePreview(actor, post)) {
      const published = post.status === "PUBLISHED" && canViewPost(actor, post);
      throw new AuthorizationError("FORBIDDEN", published ? "This post is published: share its own address instead." : NOT_ALLOWED);
    }
    const link = await createPreviewLink({ postId, createdById: actor.id, days });
    return {
      message: `Preview link made. It works for ${days === 1 ? "1 day" : `${days} days`}. Copy it now: it is shown only once.`,
      data: { linkId: link.id, url: absoluteUrl(previewPath(link.token)), expiresAt: link.expiresAt.toISOString() },
    };
  },
  audit: ({ postId, days }, { data }) => ({ action: "preview-link.created", entityType: "PreviewLink", entityId: data.linkId, details: { postId, days, expiresAt: data.expiresAt } }),
});

export const withdrawPreviewLink = defineCommand({
  access: "posts.write",
  input: revokePreviewLinkSchema,
  async run({ linkId }, actor) {
    const link = await findPreviewLinkPost(linkId);
    const post = link ? await findPostAccessFacts(link.postId) : null;
    if (!link || !post) throw new InputError("That preview link no longer exists.");
    if (!canRevokePreview(actor, post)) throw new AuthorizationError("FORBIDDEN");
    if (!(await revokePreviewLink(linkId))) return { message: "That preview link was already revoked.", data: { revokedFromPost: null as string | null } };
    return { message: "Preview link revoked: it no longer opens the post.", data: { revokedFromPost: link.postId } };
  },
  audit: ({ linkId }, { data }) =>
    data.revokedFromPost ? { action: "preview-link.revoked", entityType: "PreviewLink", entityId: linkId, details: { postId: data.revokedFromPost } } : null,
});
