// Category operations as commands (see src/lib/action.ts).
import "server-only";
import { defineCommand } from "@/lib/action";
import { InputError, UserFacingError } from "@/lib/errors";
import { categoryReaderTags, createCategoryRow, deleteCategoryMovingPosts, updateCategoryRow } from "./mutations";
import { categoryDeletionSchema, categoryEditSchema, newCategorySchema, type CategoryFields } from "./schema";

const CATEGORY_GONE = "That category no longer exists. Reload the page.";

/** What the audit log keeps of a sponsor block: who and when, not the wording. */
function sponsorSummary(fields: CategoryFields) {
  return fields.sponsorName
    ? { sponsor: fields.sponsorName, from: fields.sponsorStartsOn?.toISOString().slice(0, 10) ?? null, to: fields.sponsorEndsOn?.toISOString().slice(0, 10) ?? null }
    : { sponsor: null };
}

export const createCategory = defineCommand({
  access: "categories.manage",
  input: newCategorySchema,
  async run(fields) {
    const created = await createCategoryRow(fields);
    return {
      message: `Category “${fields.name}” created.`,
      tags: categoryReaderTags(created.slug),
      data: { categoryId: created.id, slug: created.slug },
      redirectTo: `/admin/categories/${created.id}?created=1`,
    };
  },
  audit: (fields, { data }) => ({ action: "category.created", entityType: "Category", entityId: data.categoryId, details: { slug: data.slug, ...sponsorSummary(fields) } }),
});

export const saveCategory = defineCommand({
  access: "categories.manage",
  input: categoryEditSchema,
  async run({ categoryId, ...fields }) {
    const saved = await updateCategoryRow(categoryId, fields);
    if (!saved) throw new UserFacingError(CATEGORY_GONE);
    const slugChanged = saved.previousSlug !== saved.slug;
    return {
      message: slugChanged ? `Category saved. Its old address, /categories/${saved.previousSlug}, now redirects to the new one.` : "Category saved.",
      tags: categoryReaderTags(saved.previousSlug, saved.slug),
      data: { slug: saved.slug, previousSlug: slugChanged ? saved.previousSlug : null },
    };
  },
  audit: ({ categoryId, ...fields }, { data }) => ({
    action: "category.saved",
    entityType: "Category",
    entityId: categoryId,
    details: { slug: data.slug, ...(data.previousSlug ? { previousSlug: data.previousSlug } : {}), ...sponsorSummary(fields) },
  }),
});

export const deleteCategory = defineCommand({
  access: "categories.manage",
  input: categoryDeletionSchema,
  async run({ categoryId, moveTo }) {
    if (moveTo === categoryId) throw new InputError("Choose another category for its posts, or none.", { moveTo: "Choose another category for its posts, or none." });
    const deletion = await deleteCategoryMovingPosts(categoryId, moveTo || null);
    if (deletion.outcome === "missing") throw new UserFacingError(CATEGORY_GONE);
    if (deletion.outcome === "destination-missing") {
      throw new InputError("The category chosen for its posts no longer exists. Choose another.", { moveTo: "That category no longer exists." });
    }
    const posts = deletion.movedPosts === 1 ? "1 post" : `${deletion.movedPosts} posts`;
    return {
      message: deletion.destination ? `Category “${deletion.name}” deleted; ${posts} moved to “${deletion.destination.name}”.` : `Category “${deletion.name}” deleted; ${posts} now have no category.`,
      tags: categoryReaderTags(deletion.slug, ...(deletion.destination ? [deletion.destination.slug] : [])),
      redirectTo: "/admin/categories?deleted=1",
      data: { slug: deletion.slug, name: deletion.name, movedPosts: deletion.movedPosts, movedTo: deletion.destination?.slug ?? null },
    };
  },
  audit: ({ categoryId }, { data }) => ({ action: "category.deleted", entityType: "Category", entityId: categoryId, details: data }),
});
