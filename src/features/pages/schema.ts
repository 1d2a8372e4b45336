// What an author or editor may send for a static page. Messages are written for the person at the form.
import { z } from "zod";
import { markdownBodySchema } from "@/lib/markdown-limits";
import { TITLE_MAX, DESCRIPTION_MAX, DOWNLOAD_TITLE_MAX } from "./limits";
import { slugify, SLUG_MAX } from "@/lib/slug";

export const DOWNLOADS_PER_PAGE_MAX = 20;

/**
 * Addresses Docket's own routes use at the top level (src/app and src/app/(site), public/, Next's
 * own): a page there would be hidden by the route, or hide it. tests/integration/pages.test.ts checks
 * this list against the folders.
 */
export const RESERVED_SLUGS = new Set([
  "admin",
  "api",
  "posts",
  "series",
  "categories",
  "tags",
  "authors",
  "search",
  "subscribe",
  "subscription",
  "unavailable",
  "unavailable-for-legal-reasons",
  "corrections",
  "complaints",
  "comments",
  "uploads",
  "page",
  "site-icon",
  "bench",
  "feed.xml",
  "atom.xml",
  "sitemap.xml",
  "robots.txt",
  "favicon.ico",
  "apple-touch-icon.png",
  "icon.svg",
  "share-image.png",
  "_next",
  "_not-found",
]);

const id = z.string().trim().min(1).max(40);

export const pageSlugSchema = z
  .string()
  .trim()
  .max(SLUG_MAX, `The address must be at most ${SLUG_MAX} characters.`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "The address may use lower-case letters, digits and single hyphens, like write-for-us.")
  .refine((slug) => !RESERVED_SLUGS.has(slug), { error: (issue) => `“/${String(issue.input)}” is one of Docket's own addresses. Choose another, like ${String(issue.input)}-page.` });

export const pageTitleSchema = z
  .string({ error: "Give the page a title." })
  .trim()
  .min(1, "Give the page a title.")
  .max(TITLE_MAX, `The title must be at most ${TITLE_MAX} characters.`);

export const pageFieldsSchema = z
  .object({
    pageId: id,
    title: pageTitleSchema,
    slug: z.string().trim().max(200).default(""),
    description: z.string().trim().max(DESCRIPTION_MAX, `The description must be at most ${DESCRIPTION_MAX} characters.`).default(""),
    bodyMarkdown: markdownBodySchema("page").default(""),
  })
  .transform((fields, context) => {
    const slug = pageSlugSchema.safeParse(fields.slug === "" ? slugify(fields.title) || "page-1" : fields.slug);
    if (!slug.success) {
      for (const issue of slug.error.issues) context.addIssue({ code: "custom", path: ["slug"], message: issue.message });
      return z.NEVER;
    }
    return { ...fields, slug: slug.data };
  });

export type PageFields = z.output<typeof pageFieldsSchema>;

export const newPageSchema = z.object({ title: pageTitleSchema });
export const pageIdSchema = z.object({ pageId: id });
export const restorePageSchema = z.object({ pageId: id, revisionId: id });
export const updatePageSchema = z.object({ pageId: id, revisionId: id });
export const removeDownloadSchema = z.object({ downloadId: id });

/** What a page must have before readers see it. */
export const publishableSchema = z.object({
  bodyMarkdown: z.string().trim().min(1, "Write the page before publishing it: the text is empty."),
});

const CHOOSE_A_FILE = "Choose a file to upload.";

export const attachDownloadSchema = z.object({
  pageId: id,
  title: z.string().trim().max(DOWNLOAD_TITLE_MAX, `The title must be at most ${DOWNLOAD_TITLE_MAX} characters.`).default(""),
  file: z.instanceof(File, { message: CHOOSE_A_FILE }).refine((file) => file.size > 0, CHOOSE_A_FILE),
});
