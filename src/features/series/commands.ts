// Series operations as commands (see src/lib/action.ts).
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { recordAudit } from "@/lib/audit";
import { InputError, UserFacingError } from "@/lib/errors";
import { createSeriesRow, deleteEmptySeries, reorderSeriesPosts, seriesReaderTags, setSeriesArchived, updateSeriesRow } from "./mutations";
import { newSeriesSchema, seriesArchiveSchema, seriesEditSchema, seriesIdSchema } from "./schema";

const id = z.string().trim().min(1).max(40);

const SERIES_GONE = "That series no longer exists. Reload the page.";

export const createSeries = defineCommand({
  access: "series.manage",
  input: newSeriesSchema,
  async run(fields, actor) {
    const created = await createSeriesRow(fields);
    await recordAudit({ actorId: actor.id, action: "series.created", entityType: "Series", entityId: created.id, details: { slug: created.slug } });
    return {
      message: `Series “${fields.title}” created.`,
      tags: seriesReaderTags(created.slug),
      data: { seriesId: created.id },
      redirectTo: `/admin/series/${created.id}?created=1`,
    };
  },
});

export const saveSeries = defineCommand({
  access: "series.manage",
  input: seriesEditSchema,
  async run({ seriesId, ...fields }, actor) {
    const saved = await updateSeriesRow(seriesId, fields);
    if (!saved) throw new UserFacingError(SERIES_GONE);
    const slugChanged = saved.previousSlug !== saved.slug;
    await recordAudit({
      actorId: actor.id,
      action: "series.saved",
      entityType: "Series",
      entityId: seriesId,
      details: slugChanged ? { slug: saved.slug, previousSlug: saved.previousSlug } : { slug: saved.slug },
    });
    return {
      message: slugChanged ? `Series saved. Its old address, /series/${saved.previousSlug}, now redirects to the new one.` : "Series saved.",
      tags: seriesReaderTags(saved.previousSlug, saved.slug),
    };
  },
});

export const archiveSeries = defineCommand({
  access: "series.manage",
  input: seriesArchiveSchema,
  async run({ seriesId, archived }, actor) {
    const series = await setSeriesArchived(seriesId, archived);
    if (!series) throw new UserFacingError(SERIES_GONE);
    await recordAudit({ actorId: actor.id, action: archived ? "series.archived" : "series.unarchived", entityType: "Series", entityId: seriesId });
    return {
      message: archived
        ? `“${series.title}” is archived: it is no longer in the series list, and its posts stay readable.`
        : `“${series.title}” is back in the series list.`,
      tags: seriesReaderTags(series.slug),
    };
  },
});

export const deleteSeries = defineCommand({
  access: "series.manage",
  input: seriesIdSchema,
  async run({ seriesId }, actor) {
    const deletion = await deleteEmptySeries(seriesId);
    if (deletion.outcome === "missing") throw new UserFacingError(SERIES_GONE);
    if (deletion.outcome === "has-posts") {
      const posts = deletion.postCount === 1 ? "1 post" : `${deletion.postCount} posts`;
      throw new UserFacingError(`This series has ${posts}, so it cannot be deleted. Archive it instead: it leaves the series list and its posts stay readable.`);
    }
    await recordAudit({ actorId: actor.id, action: "series.deleted", entityType: "Series", entityId: seriesId, details: { slug: deletion.slug, title: deletion.title } });
    return { message: `Series “${deletion.title}” deleted.`, tags: seriesReaderTags(deletion.slug), redirectTo: "/admin/series?deleted=1" };
  },
});

export const reorderSeries = defineCommand({
  access: "series.manage",
  input: z.object({ seriesId: id, postIds: z.array(id).min(1).max(1000) }),
  async run({ seriesId, postIds }, actor) {
    const reordered = await reorderSeriesPosts(seriesId, postIds);
    if (!reordered) throw new InputError("That series no longer exists.");
    await recordAudit({ actorId: actor.id, action: "series.reordered", entityType: "Series", entityId: seriesId, details: { postIds } });
    return { message: "Series order saved.", tags: reordered.tagsToInvalidate };
  },
});
