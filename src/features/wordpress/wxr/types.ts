// The records of a WordPress eXtended RSS (WXR) export, as the reader yields them and the writer takes them.
// Each schema takes the raw text of one record's elements (keyed by WordPress's own element names, every
// element optional) and gives the typed record: ids as numbers, GMT dates as Dates, flags as booleans.
// Values WordPress itself leaves open (post types, statuses, taxonomies) stay strings.
import { z } from "zod";

/** A "YYYY-MM-DD HH:MM:SS" wall-clock time in the site's own time zone, as WordPress stores it. */
export type WxrLocalDateTime = string;

export type WxrMeta = { key: string; value: string };

const WP_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const text = z.string().default("");

/** A whole number WordPress wrote for an id; an empty element counts as missing. */
const requiredId = z
  .string({ error: "missing" })
  .trim()
  .regex(/^\d+$/, "expected a whole number")
  .transform(Number)
  .refine(Number.isSafeInteger, "number too large");

/** An id where WordPress writes 0 for none (post_parent, comment_parent, user ids, menu_order). */
const zeroDefaultNumber = z
  .string()
  .trim()
  .default("")
  .transform((value) => (value === "" ? "0" : value))
  .pipe(z.string().regex(/^-?\d+$/, "expected a whole number").transform(Number));

/** A term id, absent from WXR 1.0 files. */
const optionalId = z
  .string()
  .trim()
  .default("")
  .transform((value) => (value === "" ? undefined : value))
  .pipe(requiredId.optional())
  .transform((value) => value ?? null);

function isZeroDate(value: string): boolean {
  return value === "" || value.startsWith("0000-00-00");
}

/** `post_date_gmt`-style field: the UTC instant, or null where WordPress wrote none (drafts write zeros). */
const gmtDateTime = z
  .string()
  .trim()
  .default("")
  .transform((value, context) => {
    if (isZeroDate(value)) return null;
    const match = WP_DATE_TIME.exec(value);
    const date = match ? new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`) : null;
    if (!date || Number.isNaN(date.getTime())) {
      context.addIssue({ code: "custom", message: `expected a date like 2024-05-01 09:30:00, got "${value.slice(0, 40)}"` });
      return z.NEVER;
    }
    return date;
  });

/** `post_date`-style field: local wall-clock time kept as written (its zone is the site's setting), or null. */
const localDateTime = z
  .string()
  .trim()
  .default("")
  .transform((value, context): WxrLocalDateTime | null => {
    if (isZeroDate(value)) return null;
    const match = WP_DATE_TIME.exec(value);
    if (!match || Number.isNaN(new Date(`${value.replace(" ", "T")}Z`).getTime())) {
      context.addIssue({ code: "custom", message: `expected a date like 2024-05-01 09:30:00, got "${value.slice(0, 40)}"` });
      return z.NEVER;
    }
    return value;
  });

/** RSS pubDate (RFC 822). Informative only (WordPress.com writes 1970 or year -1 for drafts), so never fatal. */
const rssDate = z
  .string()
  .trim()
  .default("")
  .transform((value) => {
    if (value === "") return null;
    const time = Date.parse(value);
    return Number.isNaN(time) || time <= 0 ? null : new Date(time);
  });

const flag = z
  .string()
  .trim()
  .default("")
  .pipe(z.enum(["", "0", "1", "false", "true"], { error: "expected 0 or 1" }))
  .transform((value) => value === "1" || value === "true");

const emptyToNull = z
  .string()
  .trim()
  .default("")
  .transform((value) => (value === "" ? null : value));

const metaList = z.array(z.object({ key: z.string(), value: z.string() })).default([]);

export const wxrSiteSchema = z
  .object({
    title: text,
    link: text,
    description: text,
    pubDate: rssDate,
    language: text,
    wxr_version: emptyToNull,
    base_site_url: text,
    base_blog_url: text,
  })
  .transform((raw) => ({
    kind: "site" as const,
    title: raw.title,
    link: raw.link,
    description: raw.description,
    pubDate: raw.pubDate,
    language: raw.language,
    /** "1.0", "1.1" or "1.2"; null when the file has no wp:wxr_version. */
    wxrVersion: raw.wxr_version,
    /** WordPress.com writes "http://wordpress.com/" here; self-hosted sites their own address. */
    baseSiteUrl: raw.base_site_url,
    /** The blog's own address (falls back to base_site_url, as WordPress's importer does). */
    baseBlogUrl: raw.base_blog_url || raw.base_site_url,
  }));
export type WxrSite = z.output<typeof wxrSiteSchema>;

export const wxrAuthorSchema = z
  .object({
    author_id: optionalId,
    author_login: z.string({ error: "missing" }).trim().min(1, "missing"),
    author_email: text,
    author_display_name: text,
    author_first_name: text,
    author_last_name: text,
  })
  .transform((raw) => ({
    kind: "author" as const,
    id: raw.author_id,
    login: raw.author_login,
    email: raw.author_email.trim(),
    displayName: raw.author_display_name.trim(),
    firstName: raw.author_first_name.trim(),
    lastName: raw.author_last_name.trim(),
  }));
export type WxrAuthor = z.output<typeof wxrAuthorSchema>;

export const wxrCategorySchema = z
  .object({
    term_id: optionalId,
    category_nicename: z.string({ error: "missing" }).trim().min(1, "missing"),
    category_parent: emptyToNull,
    cat_name: text,
    category_description: text,
    meta: metaList,
  })
  .transform((raw) => ({
    kind: "category" as const,
    termId: raw.term_id,
    nicename: raw.category_nicename,
    /** The parent category's nicename (WordPress writes slugs, not ids, here). */
    parent: raw.category_parent,
    name: raw.cat_name.trim(),
    description: raw.category_description,
    meta: raw.meta,
  }));
export type WxrCategory = z.output<typeof wxrCategorySchema>;

export const wxrTagSchema = z
  .object({
    term_id: optionalId,
    tag_slug: z.string({ error: "missing" }).trim().min(1, "missing"),
    tag_name: text,
    tag_description: text,
    meta: metaList,
  })
  .transform((raw) => ({
    kind: "tag" as const,
    termId: raw.term_id,
    slug: raw.tag_slug,
    name: raw.tag_name.trim(),
    description: raw.tag_description,
    meta: raw.meta,
  }));
export type WxrTag = z.output<typeof wxrTagSchema>;

export const wxrTermSchema = z
  .object({
    term_id: optionalId,
    term_taxonomy: z.string({ error: "missing" }).trim().min(1, "missing"),
    term_slug: z.string({ error: "missing" }).trim().min(1, "missing"),
    term_parent: emptyToNull,
    term_name: text,
    term_description: text,
    meta: metaList,
  })
  .transform((raw) => ({
    kind: "term" as const,
    termId: raw.term_id,
    /** e.g. "series", "author" (Co-Authors Plus), "nav_menu", "post_format". */
    taxonomy: raw.term_taxonomy,
    slug: raw.term_slug,
    /** The parent term's slug. */
    parent: raw.term_parent,
    name: raw.term_name.trim(),
    description: raw.term_description,
    meta: raw.meta,
  }));
export type WxrTerm = z.output<typeof wxrTermSchema>;

/** comment_approved: "1" approved, "0" pending, "spam", "trash", "post-trashed" (its post is in the bin). */
export const WXR_COMMENT_APPROVALS = ["1", "0", "spam", "trash", "post-trashed"] as const;
export type WxrCommentApproval = (typeof WXR_COMMENT_APPROVALS)[number];

export const wxrCommentSchema = z
  .object({
    comment_id: requiredId,
    comment_author: text,
    comment_author_email: text,
    comment_author_url: text,
    comment_author_IP: text,
    comment_date: localDateTime,
    comment_date_gmt: gmtDateTime,
    comment_content: text,
    comment_approved: z
      .string()
      .trim()
      .default("1")
      .pipe(z.enum(WXR_COMMENT_APPROVALS, { error: 'expected 1, 0, spam, trash or post-trashed' })),
    comment_type: z.string().trim().default(""),
    comment_parent: zeroDefaultNumber,
    comment_user_id: zeroDefaultNumber,
    meta: metaList,
  })
  .transform((raw) => ({
    id: raw.comment_id,
    author: raw.comment_author.trim(),
    authorEmail: raw.comment_author_email.trim(),
    authorUrl: raw.comment_author_url.trim(),
    authorIp: raw.comment_author_IP.trim(),
    date: raw.comment_date,
    dateGmt: raw.comment_date_gmt,
    content: raw.comment_content,
    approved: raw.comment_approved,
    /** "comment" (WordPress before 5.5 wrote ""), "pingback", "trackback", or a plugin's own type. */
    type: raw.comment_type === "" ? "comment" : raw.comment_type,
    /** The id of the comment this one answers; 0 for a top-level comment. */
    parent: raw.comment_parent,
    /** The commenter's user id on the old site; 0 for a visitor. */
    userId: raw.comment_user_id,
    meta: raw.meta,
  }));
export type WxrComment = z.output<typeof wxrCommentSchema>;

/** One `<category domain="…" nicename="…">name</category>` of an item, in the file's order. */
export type WxrItemTerm = {
  /** The taxonomy: "category", "post_tag" (WXR 1.0's "tag" is given as "post_tag"), "series", "author", "nav_menu", … */
  domain: string;
  /** The term's slug; null only where a WXR 1.0 file gave none. */
  nicename: string | null;
  name: string;
};

export const wxrItemSchema = z
  .object({
    title: text,
    link: emptyToNull,
    pubDate: rssDate,
    creator: text,
    guid: text,
    content: text,
    excerpt: text,
    post_id: requiredId,
    post_date: localDateTime,
    post_date_gmt: gmtDateTime,
    post_modified: localDateTime,
    post_modified_gmt: gmtDateTime,
    comment_status: z.string().trim().default("closed"),
    ping_status: z.string().trim().default("closed"),
    post_name: z.string().trim().default(""),
    status: z.string().trim().default(""),
    post_parent: zeroDefaultNumber,
    menu_order: zeroDefaultNumber,
    post_type: z
      .string()
      .trim()
      .default("")
      .transform((value) => value || "post"),
    post_password: text,
    is_sticky: flag,
    attachment_url: emptyToNull,
    terms: z.array(z.object({ domain: z.string(), nicename: z.string().nullable(), name: z.string() })).default([]),
    meta: metaList,
    comments: z.array(z.custom<WxrComment>()).default([]),
  })
  .transform((raw) => ({
    kind: "item" as const,
    postId: raw.post_id,
    title: raw.title.trim(),
    /** The permalink on the old site. */
    link: raw.link,
    pubDate: raw.pubDate,
    /** dc:creator: the author's login, to be matched against the authors' `login`. */
    creator: raw.creator.trim(),
    guid: raw.guid.trim(),
    /** content:encoded: the post's HTML as WordPress stores it (classic text with bare newlines, or block markup). */
    content: raw.content,
    /** excerpt:encoded. */
    excerpt: raw.excerpt,
    postDate: raw.post_date,
    postDateGmt: raw.post_date_gmt,
    postModified: raw.post_modified,
    postModifiedGmt: raw.post_modified_gmt,
    /** "open" or "closed". */
    commentStatus: raw.comment_status,
    /** "open" or "closed". */
    pingStatus: raw.ping_status,
    /** The slug. */
    postName: raw.post_name,
    /** publish, future, draft, pending, private, trash, inherit (attachments), … */
    status: raw.status,
    postParent: raw.post_parent,
    menuOrder: raw.menu_order,
    /** post, page, attachment, nav_menu_item, guest-author, wp_block, … */
    postType: raw.post_type,
    /** Non-empty for a password-protected post. */
    postPassword: raw.post_password,
    isSticky: raw.is_sticky,
    /** The file's address, for attachments. */
    attachmentUrl: raw.attachment_url,
    terms: raw.terms satisfies WxrItemTerm[],
    /** wp:postmeta in the file's order (keys may repeat): _thumbnail_id, _series_part, _menu_item_*, _oembed_*, … */
    meta: raw.meta,
    /** Every comment that parsed, in the file's order; those that did not are reported as problems. */
    comments: raw.comments,
  }));
export type WxrItem = z.output<typeof wxrItemSchema>;

/** Something in the file that could not be read as a record; the rest of the file goes on. */
export type WxrProblem = {
  kind: "problem";
  /** What the broken record was. */
  record: "author" | "category" | "tag" | "term" | "item" | "comment";
  /** The record's own id as written (post id, comment id, term id or author login), if any. */
  id: string | null;
  /** The record's title or name as written (for a comment: its post's title), if any. */
  title: string | null;
  /** For a comment: the post id of the item it belongs to. */
  itemId: string | null;
  /** The line where the record ends. */
  line: number;
  message: string;
};

/** The last record of every read: what the whole file held. */
export type WxrEnd = {
  kind: "end";
  bytesRead: number;
  /** The encoding the bytes were decoded from ("utf-8", "windows-1252", …). */
  encoding: string;
  /** Invalid byte sequences in a UTF-8 file, each read as U+FFFD. */
  invalidByteSequences: number;
  /** Characters XML 1.0 forbids (NUL, other C0 controls, U+FFFE, lone surrogates…) removed from the text. */
  forbiddenCharactersRemoved: number;
  counts: { authors: number; categories: number; tags: number; terms: number; items: number; comments: number; problems: number };
};

export type WxrRecord = WxrSite | WxrAuthor | WxrCategory | WxrTag | WxrTerm | WxrItem | WxrProblem | WxrEnd;

/** A zod error as one line: "post_id: expected a whole number; comment_date_gmt: expected a date…". */
export function describeWxrIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
}
