// Tag operations as commands (see src/lib/action.ts).
import "server-only";
import { defineCommand } from "@/lib/action";
import { recordAudit } from "@/lib/audit";
import { UserFacingError } from "@/lib/errors";
import { deleteTagRow, mergeTagRows, renameTagRow, tagReaderTags } from "./mutations";
import { tagIdSchema, tagMergeSchema, tagRenameSchema } from "./schema";

const TAG_GONE = "That tag no longer exists. Reload the page.";

const postCount = (count: number) => (count === 1 ? "1 post" : `${count} posts`);

export const renameTag = defineCommand({
  access: "tags.manage",
  input: tagRenameSchema,
  async run({ tagId, name, slug }, actor) {
    const renamed = await renameTagRow(tagId, { name, slug });
    if (!renamed) throw new UserFacingError(TAG_GONE);
    const slugChanged = renamed.previousSlug !== renamed.slug;
    await recordAudit({
      actorId: actor.id,
      action: "tag.renamed",
      entityType: "Tag",
      entityId: tagId,
      details: { name, slug, ...(slugChanged ? { previousSlug: renamed.previousSlug } : {}) },
    });
    return {
      message: slugChanged ? `Tag saved as “${name}”. Its old address, /tags/${renamed.previousSlug}, now redirects to the new one.` : `Tag saved as “${name}”.`,
      tags: tagReaderTags(renamed.previousSlug, renamed.slug),
    };
  },
});

export const mergeTags = defineCommand({
  access: "tags.manage",
  input: tagMergeSchema,
  async run({ fromTagId, intoTagId }, actor) {
    const merged = await mergeTagRows(fromTagId, intoTagId);
    if (!merged) throw new UserFacingError("One of those tags no longer exists. Reload the page.");
    await recordAudit({
      actorId: actor.id,
      action: "tag.merged",
      entityType: "Tag",
      entityId: intoTagId,
      details: { mergedTagId: fromTagId, mergedSlug: merged.from.slug, slug: merged.into.slug, posts: merged.retaggedPosts },
    });
    return {
      message: `“${merged.from.name}” merged into “${merged.into.name}” (${postCount(merged.retaggedPosts)}). /tags/${merged.from.slug} now redirects to /tags/${merged.into.slug}.`,
      tags: tagReaderTags(merged.from.slug, merged.into.slug),
      redirectTo: `/admin/tags?merged=1`,
    };
  },
});

export const deleteTag = defineCommand({
  access: "tags.manage",
  input: tagIdSchema,
  async run({ tagId }, actor) {
    const deleted = await deleteTagRow(tagId);
    if (!deleted) throw new UserFacingError(TAG_GONE);
    await recordAudit({ actorId: actor.id, action: "tag.deleted", entityType: "Tag", entityId: tagId, details: { name: deleted.name, slug: deleted.slug, posts: deleted.postCount } });
    return { message: `Tag “${deleted.name}” deleted from ${postCount(deleted.postCount)}.`, tags: tagReaderTags(deleted.slug), redirectTo: "/admin/tags?deleted=1" };
  },
});
