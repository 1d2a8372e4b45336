import { z } from "zod";
import { withoutControlCharacters } from "@/lib/control-characters";
import { emailAddress } from "@/lib/form-fields";
import { COMMENT_LIMITS } from "./form-state";

/** PostgreSQL text cannot hold NUL: in a comment it becomes U+FFFD, as HTML parsers make it, rather than vanish. */
export const nulReplaced = (value: string) => value.replaceAll("\u0000", "\uFFFD");

/** NUL as U+FFFD; other control characters go. */
const storableText = (value: string) => withoutControlCharacters(nulReplaced(value));

const requiredText = (field: string, max: number) =>
  z
    .string({ error: `Enter your ${field}.` })
    .transform(storableText)
    .pipe(z.string()
    .trim()
    .min(1, `Enter your ${field}.`)
    .max(max, `Your ${field} is too long: at most ${max} characters.`));

const WEBSITE_ERROR = "Enter a website address starting with http:// or https://, or leave it empty.";

const optionalWebsite = z
  .string()
  .trim()
  .max(COMMENT_LIMITS.url, `Your website address is too long: at most ${COMMENT_LIMITS.url} characters.`)
  .default("")
  // "//host" (protocol-relative) is read as https://host; a bare host gets https:// in front.
  .transform((value) => (value === "" ? undefined : /^https?:\/\//i.test(value) ? value : `https://${value.replace(/^\/\/(?!\/)/, "")}`))
  .pipe(
    z
      .url({ protocol: /^https?$/, error: WEBSITE_ERROR })
      // A host must follow the scheme's two slashes: never "https:////host".
      .refine((url) => /^https?:\/\/[^/\\]/i.test(url), WEBSITE_ERROR)
      .optional(),
  );

/** What a reader submits. `url` is the honeypot (hidden); the website field is `website`. */
export const commentFormSchema = z.object({
  postId: z.string().min(1).max(40),
  parentId: z
    .string()
    .max(40)
    .optional()
    .transform((value) => value || undefined),
  authorName: requiredText("name", COMMENT_LIMITS.name),
  authorEmail: emailAddress,
  authorUrl: optionalWebsite,
  body: z
    .string({ error: "Write your comment." })
    .transform(storableText)
    .refine((value) => value.trim().length > 0, "Write your comment.")
    .refine(
      (value) => value.length <= COMMENT_LIMITS.body,
      `Your comment is too long: at most ${COMMENT_LIMITS.body} characters.`,
    ),
  notifyReplies: z.boolean().default(false),
  honeypot: z.string().max(10_000).default(""),
  formToken: z.string().max(200).optional(),
});

export type CommentFormInput = z.input<typeof commentFormSchema>;
export type CommentSubmission = z.output<typeof commentFormSchema>;

/** The comment rules an editor can tune; stored in the Setting row `comments`. */
export const commentSettingsSchema = z.object({
  /** Words, phrases or IP addresses: a match marks the comment as spam. */
  disallowedList: z.array(z.string().trim().min(1).max(200)).max(2000).default([]),
  /** Words, phrases or IP addresses: a match holds the comment for moderation. */
  moderationList: z.array(z.string().trim().min(1).max(200)).max(2000).default([]),
  /** A comment with this many links or more is held. */
  maxLinks: z.number().int().min(1).max(100).default(2),
  /** How deep replies nest; a reply to a comment at this depth is not offered. */
  maxDepth: z.number().int().min(1).max(10).default(5),
  /** Close comments this many days after publication; null keeps them open. */
  closeAfterDays: z.number().int().min(1).max(3650).nullable().default(null),
  /** A submission faster than this after the form was rendered is a bot. */
  minSecondsToSubmit: z.number().min(0).max(120).default(3),
  /** The same person may not comment again within this many seconds. */
  floodSeconds: z.number().int().min(0).max(3600).default(15),
  /** Comments per IP address per hour. */
  commentsPerHourPerIp: z.number().int().min(1).max(10_000).default(20),
});

export type CommentSettings = z.output<typeof commentSettingsSchema>;

/** Changes to some of the rules: the fields given, with no defaults filled in for the others. */
export const commentSettingsChangesSchema = z.object(
  Object.fromEntries(Object.entries(commentSettingsSchema.shape).map(([name, field]) => [name, field.unwrap().optional()])) as {
    [Name in keyof typeof commentSettingsSchema.shape]: z.ZodOptional<ReturnType<(typeof commentSettingsSchema.shape)[Name]["unwrap"]>>;
  },
);

export const COMMENT_SETTINGS_KEY = "comments";

export const moderationActionSchema = z.enum(["approve", "spam", "trash", "restore", "unapprove"]);
export type ModerationAction = z.infer<typeof moderationActionSchema>;

export const commentIdsSchema = z
  .array(z.string().min(1).max(40))
  .min(1, "Select at least one comment.")
  .max(500, "Select at most 500 comments at a time.");

export const editCommentSchema = z.object({
  commentId: z.string().min(1).max(40),
  authorName: requiredText("name", COMMENT_LIMITS.name),
  authorUrl: optionalWebsite,
  body: commentFormSchema.shape.body,
});

export const editorReplySchema = z.object({
  parentId: z.string().min(1).max(40),
  body: commentFormSchema.shape.body,
});

export const eraseCommenterSchema = z.object({
  email: commentFormSchema.shape.authorEmail,
});

export const SUBMIT_MESSAGES = {
  approved: "Thanks, your comment is published.",
  held: "Thanks. Your comment is awaiting moderation and will appear once an editor approves it.",
  duplicate: "You have already posted this comment.",
  flood: "You are posting comments too quickly. Please wait a few seconds and try again.",
  rateLimited: "Too many comments from your connection. Please try again later.",
  closed: "Comments are closed on this post.",
  noPost: "This post does not accept comments.",
  badParent: "The comment you are replying to is no longer available.",
  tooDeep: "Replies cannot nest any deeper here; reply to an earlier comment instead.",
} as const;

const listField = z
  .string()
  .max(100_000, "This list is too long.")
  .transform((value) => [...new Set(value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))])
  .pipe(commentSettingsSchema.shape.disallowedList.unwrap());

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${label} must be a whole number.`)
    .transform(Number)
    .pipe(z.number().min(min, `${label} must be at least ${min}.`).max(max, `${label} must be at most ${max}.`));

/** The settings form as submitted: lists one entry per line; an empty "close after" keeps comments open. */
export const settingsFormSchema = z.object({
  disallowedList: listField,
  moderationList: listField,
  maxLinks: wholeNumber("Links before holding", 1, 100),
  maxDepth: wholeNumber("Reply depth", 1, 10),
  closeAfterDays: z.union([z.literal("").transform(() => null), wholeNumber("Days before closing", 1, 3650)]),
  floodSeconds: wholeNumber("Seconds between comments", 0, 3600),
  commentsPerHourPerIp: wholeNumber("Comments per hour from one address", 1, 10_000),
});
