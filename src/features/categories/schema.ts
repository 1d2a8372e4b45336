// What the category forms send, with the messages an editor sees.
import { z } from "zod";
import { optionalDay, optionalSlug, uploadedImage } from "@/lib/form-fields";
import { slugify } from "@/lib/slug";

const id = z.string().trim().min(1, "That category no longer exists.").max(40);

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters.`)
    .default("")
    .transform((value) => (value === "" ? null : value));

const categoryFieldsShape = {
  name: z.string({ error: "Give the category a name." }).trim().min(1, "Give the category a name.").max(80, "A category name is at most 80 characters."),
  slug: optionalSlug,
  description: z.string().trim().max(1000, "The description is at most 1,000 characters.").default(""),
  sponsorName: optionalText(120, "The sponsor’s name"),
  sponsorUrl: z
    .string()
    .trim()
    .max(500, "The sponsor’s link is at most 500 characters.")
    .refine((value) => value === "" || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value), "Enter the sponsor’s link starting with https://.")
    .default("")
    .transform((value) => (value === "" ? null : value)),
  sponsorText: optionalText(300, "The sponsor line"),
  sponsorStrapline: optionalText(160, "The strapline"),
  sponsorLogoUrl: uploadedImage.transform((value) => (value === "" ? null : value)),
  sponsorLogoAlt: optionalText(300, "The logo’s description"),
  sponsorStartsOn: optionalDay,
  sponsorEndsOn: optionalDay,
};

type RawCategoryFields = z.output<z.ZodObject<typeof categoryFieldsShape>>;

function checkSponsor(fields: RawCategoryFields, context: z.RefinementCtx) {
  const issue = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
  const anySponsorField = [fields.sponsorUrl, fields.sponsorText, fields.sponsorStrapline, fields.sponsorLogoUrl, fields.sponsorStartsOn, fields.sponsorEndsOn].some(Boolean);
  if (anySponsorField && !fields.sponsorName) issue("sponsorName", "Name the sponsor, or clear the other sponsor fields.");
  if (fields.sponsorLogoUrl && !fields.sponsorLogoAlt) issue("sponsorLogoAlt", "Describe the logo for readers who cannot see it (usually the sponsor’s name).");
  if (fields.sponsorStartsOn && fields.sponsorEndsOn && fields.sponsorEndsOn < fields.sponsorStartsOn) issue("sponsorEndsOn", "The last day comes before the first day.");
}

/** Stored fields: the slug made from the name when left empty, the days as dates (London calendar days). */
function toCategoryFields(fields: RawCategoryFields, context: z.RefinementCtx) {
  const slug = fields.slug || slugify(fields.name);
  if (!slug) context.addIssue({ code: "custom", path: ["slug"], message: "Give the category a slug: its name has no letters or digits to make one from." });
  return {
    ...fields,
    slug,
    sponsorLogoAlt: fields.sponsorLogoUrl ? fields.sponsorLogoAlt : null,
    sponsorStartsOn: fields.sponsorStartsOn ? new Date(`${fields.sponsorStartsOn}T00:00:00Z`) : null,
    sponsorEndsOn: fields.sponsorEndsOn ? new Date(`${fields.sponsorEndsOn}T00:00:00Z`) : null,
  };
}

export const newCategorySchema = z.object(categoryFieldsShape).superRefine(checkSponsor).transform(toCategoryFields);

export const categoryEditSchema = z
  .object({ categoryId: id, ...categoryFieldsShape })
  .superRefine(checkSponsor)
  .transform((fields, context) => {
    const { categoryId, ...rest } = fields;
    return { categoryId, ...toCategoryFields(rest, context) };
  });

export type CategoryFields = z.output<typeof newCategorySchema>;

export const categoryDeletionSchema = z.object({
  categoryId: id,
  /** Where its posts go: another category's id, or "" for no category. */
  moveTo: z.string().trim().max(40).default(""),
});
