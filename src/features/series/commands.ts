// Series operations as commands (see src/lib/action.ts).
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { recordAudit } from "@/lib/audit";
import { InputError } from "@/lib/errors";
import { reorderSeriesPosts } from "./mutations";

const id = z.string().trim().min(1).max(40);

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
