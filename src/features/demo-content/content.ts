// Docket's demo content: what every new installation shows first. All of it is original writing;
// every person, handle and case is invented, and cases are composites. The content itself is data in
// data/: site.json (people, bylines, taxonomy, subscribers, the footer and site settings), and each
// post and page as a JSON file of its details beside a markdown file of its text, loaded in file-name
// order. Dates are offsets from the moment the content is loaded (see mutations.ts), so the site always
// looks current. Read from disk by scripts and tests only: the web server never loads the demo.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export const DEMO_EDITOR_EMAIL = "editor@docket.localhost";
export const DEMO_ADMIN_EMAIL = "admin@docket.localhost";
export const DEMO_AUTHOR_EMAIL = "author@docket.localhost";
export const DEMO_GUEST_EMAIL = "guest@docket.localhost";
/** The Setting row that records a completed load. */
export const DEMO_CONTENT_SETTING_KEY = "demo-content";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
const email = z.email();
const days = z.number().int().min(0);

const userSchema = z.strictObject({ email, name: z.string(), role: z.enum(["ADMIN", "EDITOR", "AUTHOR", "GUEST"]) });

const profileSchema = z.strictObject({
  slug,
  displayName: z.string(),
  bio: z.string(),
  xHandle: z.string().optional(),
  website: z.url().optional(),
  /** Pen names only: editors see this, readers never do. */
  realName: z.string().optional(),
  userEmail: email.optional(),
});

const categorySchema = z.strictObject({
  slug,
  name: z.string(),
  description: z.string(),
  sponsor: z.strictObject({ name: z.string(), url: z.url(), text: z.string() }).optional(),
});

const subscriberSchema = z.strictObject({
  email,
  status: z.enum(["PENDING", "ACTIVE", "PAUSED", "UNSUBSCRIBED"]),
  allPosts: z.boolean(),
  series: z.array(slug).optional(),
  categories: z.array(slug).optional(),
  subscribedDaysAgo: days,
  confirmedDaysAgo: days.optional(),
  unsubscribedDaysAgo: days.optional(),
});

const footerLinkSchema = z.union([
  z.strictObject({ id: z.string(), label: z.string(), page: slug }),
  z.strictObject({ id: z.string(), label: z.string(), url: z.string().startsWith("/") }),
]);

const siteSchema = z.strictObject({
  users: z.array(userSchema),
  profiles: z.array(profileSchema),
  categories: z.array(categorySchema),
  series: z.array(z.strictObject({ slug, title: z.string(), description: z.string() })),
  tags: z.array(z.strictObject({ slug, name: z.string() })),
  /** Old addresses that must keep working: a path from the site Docket replaced, and a renamed slug. */
  redirects: z.array(z.strictObject({ fromPath: z.string().startsWith("/"), postSlug: slug })),
  subscribers: z.array(subscriberSchema),
  /** The demo footer: the two pages, then Docket's usual links. */
  footerMenu: z.array(footerLinkSchema),
  /** The demo site's description and footer line, stored where the site settings have none. */
  siteSettings: z.strictObject({ description: z.string(), footerText: z.string() }),
});

export type DemoComment = {
  authorName: string;
  authorEmail: string;
  authorUrl?: string;
  /** A reply from a signed-in user (the post's author, say). */
  userEmail?: string;
  body: string;
  status: "PENDING" | "APPROVED" | "SPAM" | "TRASH";
  heldReason?: string;
  /** A documentation-range address; only its keyed hash is stored. */
  ip: string;
  hoursAfterPublication: number;
  replies?: DemoComment[];
};

const commentSchema: z.ZodType<DemoComment> = z.lazy(() =>
  z.strictObject({
    authorName: z.string(),
    authorEmail: email,
    authorUrl: z.url().optional(),
    userEmail: email.optional(),
    body: z.string(),
    status: z.enum(["PENDING", "APPROVED", "SPAM", "TRASH"]),
    heldReason: z.string().optional(),
    ip: z.ipv4().or(z.ipv6()),
    hoursAfterPublication: z.number(),
    replies: z.array(commentSchema).optional(),
  }),
);

const postSchema = z.strictObject({
  slug,
  title: z.string(),
  standfirst: z.string().optional(),
  status: z.enum(["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "SCHEDULED", "PUBLISHED", "UNPUBLISHED"]),
  /** PUBLISHED and UNPUBLISHED posts: days before the load. */
  publishedDaysAgo: days.optional(),
  /** SCHEDULED posts: days after the load. */
  scheduledInDays: days.optional(),
  /** SUBMITTED and CHANGES_REQUESTED posts. */
  submittedDaysAgo: days.optional(),
  authors: z.array(slug).min(1),
  createdBy: email,
  category: slug.optional(),
  series: slug.optional(),
  seriesPosition: z.number().int().min(1).optional(),
  tags: z.array(slug),
  commentsOpen: z.boolean().optional(),
  editorialNotes: z.array(z.strictObject({ by: email, body: z.string(), daysAgo: days })).optional(),
  comments: z.array(commentSchema).optional(),
});

const pageSchema = z.strictObject({ slug, title: z.string(), description: z.string(), createdBy: email, publishedDaysAgo: days });

export type DemoPost = z.infer<typeof postSchema> & { body: string };
export type DemoPage = z.infer<typeof pageSchema> & { bodyMarkdown: string };

const dataDir = path.join(import.meta.dirname, "data");

function readJson<Schema extends z.ZodType>(file: string, schema: Schema): z.output<Schema> {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`The demo content in ${path.relative(process.cwd(), file)} is not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Each NN-name.json in `folder` with the text of NN-name.md beside it, in file-name order. */
function readDocuments<Schema extends z.ZodType>(folder: string, schema: Schema): { details: z.output<Schema>; text: string }[] {
  const directory = path.join(dataDir, folder);
  return readdirSync(directory)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({
      details: readJson(path.join(directory, file), schema),
      text: readFileSync(path.join(directory, file.replace(/\.json$/, ".md")), "utf8").replace(/\n$/, ""),
    }));
}

const site = readJson(path.join(dataDir, "site.json"), siteSchema);

export const demoUsers = site.users;
export const demoProfiles = site.profiles;
export const demoCategories = site.categories;
export const demoSeries = site.series;
export const demoTags = site.tags;
export const demoRedirects = site.redirects;
export const demoSubscribers = site.subscribers;
export const demoFooterMenu = site.footerMenu;
export const demoSiteSettings = site.siteSettings;
export const demoPosts: DemoPost[] = readDocuments("posts", postSchema).map(({ details, text }) => ({ ...details, body: text }));
export const demoPages: DemoPage[] = readDocuments("pages", pageSchema).map(({ details, text }) => ({ ...details, bodyMarkdown: text }));
