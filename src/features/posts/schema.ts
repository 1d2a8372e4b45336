// What an author or editor may send for a post. Messages are written for the person at the form.
import { z } from "zod";
import { markdownBodySchema } from "@/lib/markdown-limits";
import { slugify, SLUG_MAX } from "@/lib/slug";

export const TITLE_MAX = 160;
export const STANDFIRST_MAX = 600;

const id = z.string().trim().min(1).max(40);
const optionalId = z
  .string()
  .trim()
  .max(40)
  .transform((value) => (value === "" ? null : value))
  .nullable()
  .optional();

export const slugSchema = z
  .string()
  .trim()
  .max(SLUG_MAX, `The slug must be at most ${SLUG_MAX} characters.`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "The slug may use lower-case letters, digits and single hyphens, like why-i-tweet.");

export const titleSchema = z
  .string({ error: "Give the post a title." })
  .trim()
  .min(1, "Give the post a title.")
  .max(TITLE_MAX, `The title must be at most ${TITLE_MAX} characters.`);

export const postFieldsSchema = z
  .object({
    title: titleSchema,
    slug: z.string().trim().max(200).default(""),
    standfirst: z.string().trim().max(STANDFIRST_MAX, `The standfirst must be at most ${STANDFIRST_MAX} characters.`).default(""),
    bodyMarkdown: markdownBodySchema("post").default(""),
    categoryId: optionalId,
    tags: z
      .string()
      .max(500, "Too many tags.")
      .default("")
      .transform((value) => [...new Set(value.split(",").map((tag) => tag.trim()).filter(Boolean))])
      .pipe(z.array(z.string().max(40, "Each tag must be at most 40 characters.")).max(12, "Use at most 12 tags.")),
    seriesId: optionalId,
    seriesPosition: z
      .union([z.literal(""), z.coerce.number().int("The position in the series must be a whole number.").min(1, "Series positions start at 1.").max(10000)])
      .optional()
      .transform((value) => (value === "" || value === undefined ? null : value)),
    coverImageUrl: z
      .string()
      .trim()
      .max(500)
      .refine((value) => value === "" || value.startsWith("/uploads/") || /^https:\/\//.test(value), "The cover image must be an uploaded image or an https:// address.")
      .transform((value) => (value === "" ? null : value))
      .optional(),
    coverImageAlt: z.string().trim().max(300, "The image description must be at most 300 characters.").default(""),
    coAuthorIds: z
      .array(id)
      .max(10, "A post has at most 10 authors.")
      .refine((ids) => new Set(ids).size === ids.length, "A byline is listed twice: each author is on a post once.")
      .default([]),
    commentsOpen: z.boolean({ error: "Choose whether readers may comment." }).default(true),
  })
  .superRefine((fields, context) => {
    if (fields.coverImageUrl && !fields.coverImageAlt) {
      context.addIssue({ code: "custom", path: ["coverImageAlt"], message: "Describe the cover image for readers who cannot see it." });
    }
    if (fields.seriesPosition && !fields.seriesId) {
      context.addIssue({ code: "custom", path: ["seriesId"], message: "Choose the series this position belongs to." });
    }
  })
  .transform((fields, context) => {
    const slug = slugSchema.safeParse(fields.slug === "" ? slugify(fields.title) || "post" : fields.slug);
    if (!slug.success) {
      for (const issue of slug.error.issues) context.addIssue({ code: "custom", path: ["slug"], message: issue.message });
      return z.NEVER;
    }
    return { ...fields, slug: slug.data };
  });

export type PostFields = z.output<typeof postFieldsSchema>;

export const newPostSchema = z.object({ title: titleSchema });

/** What a post must have before it goes to an editor. */
export const submissionSchema = z.object({
  title: titleSchema,
  bodyMarkdown: z.string().trim().min(1, "Write the post before submitting it: the text is empty."),
});

export const noteSchema = z.object({
  postId: id,
  body: z.string().trim().min(1, "Write the feedback first.").max(5000, "Feedback must be at most 5,000 characters."),
});

/** A date and time as typed in Europe/London (the form's datetime-local value). */
export const scheduleSchema = z.object({
  postId: id,
  localDateTime: z
    .string({ error: "Choose the date and time to publish." })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Choose the date and time to publish."),
});

export const postIdSchema = z.object({ postId: id });
/** Submitting: the writer may say the post is about a court case, for the legal desk to link and review. */
export const submitSchema = postIdSchema.extend({ aboutCase: z.boolean().default(false) });
/**
 * The revision the editor started from: a save from an older one is a conflict, not an overwrite.
 * Empty for a post written outside the store that had no revision when the editor opened it.
 */
export const baseRevisionSchema = z.object({ baseRevisionId: z.string({ error: "Reload the page: this editor does not know which version it started from." }).trim().max(40) });
/** Update: the revision the editor shows goes live (refused when another was saved since). */
export const updateSchema = z.object({ postId: id, revisionId: id });
export const restoreSchema = z.object({ postId: id, revisionId: id });
export const reorderSeriesSchema = z.object({ seriesId: id, postIds: z.array(id).min(1).max(1000) });
