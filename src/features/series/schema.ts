// What the series forms send, with the messages an editor sees.
import { z } from "zod";
import { checkbox, optionalSlug, uploadedImage } from "@/lib/form-fields";
import { slugify } from "@/lib/slug";

export const SERIES_TITLE_MAX = 120;
export const SERIES_DESCRIPTION_MAX = 4000;

const id = z.string().trim().min(1, "That series no longer exists.").max(40);

const seriesFieldsShape = {
  title: z
    .string({ error: "Give the series a title." })
    .trim()
    .min(1, "Give the series a title.")
    .max(SERIES_TITLE_MAX, `A series title is at most ${SERIES_TITLE_MAX} characters.`),
  slug: optionalSlug,
  description: z.string().trim().max(SERIES_DESCRIPTION_MAX, `The description is at most ${SERIES_DESCRIPTION_MAX.toLocaleString("en-GB")} characters.`).default(""),
  coverImageUrl: uploadedImage,
  coverImageAlt: z.string().trim().max(300, "The image description is at most 300 characters.").default(""),
  status: z.enum(["running", "finished"], { error: "Choose whether the series is running or finished." }),
  showsTeaser: checkbox,
};

type RawSeriesFields = z.output<z.ZodObject<typeof seriesFieldsShape>>;

function requireCoverAlt(fields: { coverImageUrl: string; coverImageAlt: string }, context: z.RefinementCtx) {
  if (fields.coverImageUrl && !fields.coverImageAlt) {
    context.addIssue({ code: "custom", path: ["coverImageAlt"], message: "Describe the cover image for readers who cannot see it." });
  }
}

/** Stored fields: the slug made from the title when left empty, running as a boolean. */
function toSeriesFields(fields: RawSeriesFields, context: z.RefinementCtx) {
  const slug = fields.slug || slugify(fields.title);
  if (!slug) context.addIssue({ code: "custom", path: ["slug"], message: "Give the series a slug: its title has no letters or digits to make one from." });
  return {
    title: fields.title,
    slug,
    description: fields.description,
    coverImageUrl: fields.coverImageUrl || null,
    coverImageAlt: fields.coverImageUrl ? fields.coverImageAlt : null,
    isRunning: fields.status === "running",
    showsTeaser: fields.showsTeaser,
  };
}

export const newSeriesSchema = z.object(seriesFieldsShape).superRefine(requireCoverAlt).transform(toSeriesFields);

export const seriesEditSchema = z
  .object({ seriesId: id, ...seriesFieldsShape })
  .superRefine(requireCoverAlt)
  .transform((fields, context) => ({ seriesId: fields.seriesId, ...toSeriesFields(fields, context) }));

export type SeriesFields = z.output<typeof newSeriesSchema>;

export const seriesIdSchema = z.object({ seriesId: id });

export const seriesArchiveSchema = z.object({ seriesId: id, archived: z.preprocess((value) => value === true || value === "true", z.boolean()) });
