// Series operations as commands (see src/lib/action.ts).
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { InputError, UserFacingError } from "@/lib/errors";
import { createSeriesRow, deleteEmptySeries, reorderSeriesPosts, seriesReaderTags, setSeriesArchived, updateSeriesRow } from "./mutations";
import { newSeriesSchema, seriesArchiveSchema, seriesEditSchema, seriesIdSchema } from "./schema";

const id = z.string().trim().min(1).max(40);

const SERIES_GONE = "That series no longer exists. Reload the page.";

export const createSeries = defineCommand({
  access: "series.manage",
  input: newSeriesSchema,
  async run(fields) {
    const created = await createSeriesRow(fields);
    return {
      message: `Series “${fields.title}” created.`,
      tags: seriesReaderTags(created.slug),
      data: { seriesId: created.id, slug: created.slug },
      redirectTo: `/admin/series/${created.id}?created=1`,
    };
  },
  audit: (_fields, { data }) => ({ action: "series.created", entityType: "Series", entityId: data.seriesId, details: { slug: data.slug } }),
});

export const saveSeries = defineCommand({
  access: "series.manage",
  input: seriesEditSchema,
  async run({ seriesId, ...fields }) {
    const saved = await updateSeriesRow(seriesId, fields);
    if (!saved) throw new UserFacingError(SERIES_GONE);
    const slugChanged = saved.previousSlug !== saved.slug;
    return {
      message: slugChanged ? `Series saved. Its old address, /series/${saved.previousSlug}, now redirects to the new one.` : "Series saved.",
      tags: seriesReaderTags(saved.previousSlug, saved.slug),
      data: { slug: saved.slug, previousSlug: slugChanged ? saved.previousSlug : null },
    };
  },
  audit: ({ seriesId }, { data }) => ({
    action: "series.saved",
    entityType: "Series",
    entityId: seriesId,
    details: data.previousSlug ? { slug: data.slug, previousSlug: data.previousSlug } : { slug: data.slug },
  }),
});

export const archiveSeries = defineCommand({
  access: "series.manage",
  input: seriesArchiveSchema,
  async run({ seriesId, archived }) {
    const series = await setSeriesArchived(seriesId, archived);
    if (!series) throw new UserFacingError(SERIES_GONE);
    return {
      message: archived
        ? `“${series.title}” is archived: it is no longer in the series list, and its posts stay readable.`
        : `“${series.title}” is back in the series list.`,
      tags: seriesReaderTags(series.slug),
    };
  },
  audit: ({ seriesId, archived }) => ({ action: archived ? "series.archived" : "series.unarchived", entityType: "Series", entityId: seriesId }),
});

export const deleteSeries = defineCommand({
  access: "series.manage",
  input: seriesIdSchema,
  async run({ seriesId }) {
    const deletion = await deleteEmptySeries(seriesId);
    if (deletion.outcome === "missing") throw new UserFacingError(SERIES_GONE);
    if (deletion.outcome === "has-posts") {
      const posts = deletion.postCount === 1 ? "1 post" : `${deletion.postCount} posts`;
      throw new UserFacingError(`This series has ${posts}, so it cannot be deleted. Archive it instead: it leaves the series list and its posts stay readable.`);
    }
    return {
      message: `Series “${deletion.title}” deleted.`,
      tags: seriesReaderTags(deletion.slug),
      redirectTo: "/admin/series?deleted=1",
      data: { slug: deletion.slug, title: deletion.title },
    };
  },
  audit: ({ seriesId }, { data }) => ({ action: "series.deleted", entityType: "Series", entityId: seriesId, details: data }),
});

export const reorderSeries = defineCommand({
  access: "series.manage",
  input: z.object({ seriesId: id, postIds: z.array(id).min(1).max(1000) }),
  async run({ seriesId, postIds }) {
    const reordered = await reorderSeriesPosts(seriesId, postIds);
    if (!reordered) throw new InputError("That series no longer exists.");
    return { message: "Series order saved.", tags: reordered.tagsToInvalidate };
  },
  audit: ({ seriesId, postIds }) => ({ action: "series.reordered", entityType: "Series", entityId: seriesId, details: { postIds } }),
});
