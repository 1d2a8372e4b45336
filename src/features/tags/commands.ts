// Tag operations as commands (see src/lib/action.ts).
import "server-only";
import { defineCommand } from "@/lib/action";
import { UserFacingError } from "@/lib/errors";
import { deleteTagRow, mergeTagRows, renameTagRow, tagReaderTags } from "./mutations";
import { tagIdSchema, tagMergeSchema, tagRenameSchema } from "./schema";

const TAG_GONE = "That tag no longer exists. Reload the page.";

const postCount = (count: number) => (count === 1 ? "1 post" : `${count} posts`);

export const renameTag = defineCommand({
  access: "tags.manage",
  input: tagRenameSchema,
  async run({ tagId, name, slug }) {
    const renamed = await renameTagRow(tagId, { name, slug });
    if (!renamed) throw new UserFacingError(TAG_GONE);
    const slugChanged = renamed.previousSlug !== renamed.slug;
    return {
      message: slugChanged ? `Tag saved as “${name}”. Its old address, /tags/${renamed.previousSlug}, now redirects to the new one.` : `Tag saved as “${name}”.`,
      tags: tagReaderTags(renamed.previousSlug, renamed.slug),
      data: { previousSlug: slugChanged ? renamed.previousSlug : null },
    };
  },
  audit: ({ tagId, name, slug }, { data }) => ({
    action: "tag.renamed",
    entityType: "Tag",
    entityId: tagId,
    details: { name, slug, ...(data.previousSlug ? { previousSlug: data.previousSlug } : {}) },
  }),
});

export const mergeTags = defineCommand({
  access: "tags.manage",
  input: tagMergeSchema,
  async run({ fromTagId, intoTagId }) {
    const merged = await mergeTagRows(fromTagId, intoTagId);
    if (!merged) throw new UserFacingError("One of those tags no longer exists. Reload the page.");
    return {
      message: `“${merged.from.name}” merged into “${merged.into.name}” (${postCount(merged.retaggedPosts)}). /tags/${merged.from.slug} now redirects to /tags/${merged.into.slug}.`,
      tags: tagReaderTags(merged.from.slug, merged.into.slug),
      redirectTo: `/admin/tags?merged=1`,
      data: { mergedSlug: merged.from.slug, slug: merged.into.slug, posts: merged.retaggedPosts },
    };
  },
  audit: ({ fromTagId, intoTagId }, { data }) => ({ action: "tag.merged", entityType: "Tag", entityId: intoTagId, details: { mergedTagId: fromTagId, ...data } }),
});

export const deleteTag = defineCommand({
  access: "tags.manage",
  input: tagIdSchema,
  async run({ tagId }) {
    const deleted = await deleteTagRow(tagId);
    if (!deleted) throw new UserFacingError(TAG_GONE);
    return {
      message: `Tag “${deleted.name}” deleted from ${postCount(deleted.postCount)}.`,
      tags: tagReaderTags(deleted.slug),
      redirectTo: "/admin/tags?deleted=1",
      data: { name: deleted.name, slug: deleted.slug, posts: deleted.postCount },
    };
  },
  audit: ({ tagId }, { data }) => ({ action: "tag.deleted", entityType: "Tag", entityId: tagId, details: data }),
});
