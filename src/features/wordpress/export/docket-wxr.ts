// The site as a WordPress export (WXR 1.2), so it can leave Docket for WordPress or anything that reads WXR:
// posts with their bylines (the first as the post's author, every one as a Co-Authors Plus term), category,
// tags and series (a `series` taxonomy with `_series_part`, as PublishPress Series writes it), comments in
// their threads and states, static pages (published, or drafts), and uploaded images as attachments the
// WordPress importer can download.
//
// Privacy: bylines are exported by their public fields only, so a pen name's real name never appears.
// Email addresses (commenters', and the logins behind bylines) are left out unless the caller asks for
// them; even then a pen name's login address is not exported, since it could name the person.
import { createHash } from "node:crypto";
import { escapeUTF8 } from "entities";
import { renderCommentMarkdown } from "@/lib/markdown";
import { absoluteUrl, paths } from "@/lib/seo";
import { readSiteSettings } from "@/features/site/data";
import { siteUrl } from "@/lib/env";
import { iterateExportPosts, listExportBylines, listExportMedia, listExportPages, listExportTerms, type ExportPage, type ExportPost } from "../data";
import { writeWxrFile, type WxrExport } from "../wxr/writer";
import type { WxrComment, WxrCommentApproval, WxrItem, WxrItemTerm, WxrMeta } from "../wxr/types";

export type WxrExportOptions = {
  /** Include commenters' email addresses and the login addresses behind (non-pseudonymous) bylines. */
  includeEmails?: boolean;
  /** The taxonomy series are written as (default "series", as PublishPress Series and Organize Series use). */
  seriesTaxonomy?: string;
};

export type WxrExportSummary = {
  posts: number;
  pages: number;
  comments: number;
  attachments: number;
  authors: number;
  /** Pages whose address is all digits (/2): WordPress refuses such a slug and gives the page another (2-2). */
  numericPageSlugs: string[];
};

/** A stable WordPress id for a Docket row: the same row gets the same id in every export. */
function wordpressId(kind: string, id: string): number {
  return Number.parseInt(createHash("sha256").update(`${kind}:${id}`).digest("hex").slice(0, 11), 16);
}

const LOCAL_TIME = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

/** WordPress's post_date: the site's wall-clock time (Docket keeps UK time). */
function localTime(date: Date | null): string | null {
  return date === null ? null : LOCAL_TIME.format(date).replace("T", " ");
}

const STATUS: Record<ExportPost["status"], string> = {
  PUBLISHED: "publish",
  SCHEDULED: "future",
  DRAFT: "draft",
  CHANGES_REQUESTED: "draft",
  SUBMITTED: "pending",
  UNPUBLISHED: "draft",
};

const APPROVAL: Record<ExportPost["comments"][number]["status"], WxrCommentApproval> = { APPROVED: "1", PENDING: "0", SPAM: "spam", TRASH: "trash" };

/** Addresses on this site made absolute, so they still lead somewhere from another site. */
function absoluteAddresses(html: string): string {
  return html.replace(/\b(src|href)="\/(?!\/)/g, (_whole, attribute: string) => `${attribute}="${siteUrl()}/`);
}

const coAuthorSlug = (slug: string) => `cap-${slug}`;

/**
 * Plain text as WordPress keeps titles, names, term names and excerpts: as HTML, escaped, the way its own
 * export writes them (a title holding <script> must not become a live script on the WordPress site).
 */
const asHtml = (text: string) => escapeUTF8(text);

/**
 * Numbers a post's comments, from `next()`, so that every parent has a lower number than each of its
 * replies: WordPress's importer takes a post's comments in ascending id and looks each parent up among
 * those it has already imported.
 */
function numberParentsFirst(comments: { id: string; parentId: string | null }[], next: () => number): Map<string, number> {
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  const numbers = new Map<string, number>();
  const place = (comment: { id: string; parentId: string | null }, seen: Set<string>) => {
    if (numbers.has(comment.id) || seen.has(comment.id)) return;
    seen.add(comment.id);
    const parent = comment.parentId ? byId.get(comment.parentId) : undefined;
    if (parent) place(parent, seen);
    numbers.set(comment.id, next());
  };
  for (const comment of comments) place(comment, new Set());
  return numbers;
}

export async function docketWxr(options: WxrExportOptions = {}): Promise<WxrExport & { summary: WxrExportSummary }> {
  const settings = await readSiteSettings();
  const seriesTaxonomy = options.seriesTaxonomy ?? "series";
  const summary: WxrExportSummary = { posts: 0, pages: 0, comments: 0, attachments: 0, authors: 0, numericPageSlugs: [] };
  const once = <T>(read: () => Promise<T>) => {
    let promise: Promise<T> | undefined;
    return () => (promise ??= read());
  };
  const bylines = once(listExportBylines);
  const terms = once(listExportTerms);
  const media = once(listExportMedia);
  let lastCommentNumber = 0;
  const nextCommentNumber = () => ++lastCommentNumber;

  async function* authors() {
    for (const byline of await bylines()) {
      summary.authors += 1;
      yield {
        id: wordpressId("author", byline.id),
        login: byline.slug,
        email: options.includeEmails ? (byline.loginEmail ?? "") : "",
        displayName: asHtml(byline.displayName),
        firstName: "",
        lastName: "",
      };
    }
  }

  async function* otherTerms() {
    for (const series of (await terms()).series) {
      yield { termId: wordpressId("series", series.slug), taxonomy: seriesTaxonomy, slug: series.slug, parent: null, name: asHtml(series.title), description: asHtml(series.description), meta: [] };
    }
    for (const byline of await bylines()) {
      yield { termId: wordpressId("cap", byline.id), taxonomy: "author", slug: coAuthorSlug(byline.slug), parent: null, name: byline.slug, description: asHtml(`${byline.displayName} ${byline.slug}`), meta: [] };
    }
  }

  async function* items(): AsyncGenerator<Omit<WxrItem, "kind">> {
    const attachmentIds = new Map<string, number>();
    for (const asset of await media()) {
      const id = wordpressId("media", asset.id);
      attachmentIds.set(asset.path, id);
      summary.attachments += 1;
      const url = absoluteUrl(asset.path);
      yield {
        postId: id,
        title: asset.path.split("/").pop()!,
        link: url,
        pubDate: asset.createdAt,
        creator: "",
        guid: url,
        content: "",
        excerpt: "",
        postDate: localTime(asset.createdAt),
        postDateGmt: asset.createdAt,
        postModified: localTime(asset.createdAt),
        postModifiedGmt: asset.createdAt,
        commentStatus: "closed",
        pingStatus: "closed",
        postName: asset.path.split("/").pop()!.replace(/\.[a-z0-9]+$/, ""),
        status: "inherit",
        postParent: 0,
        menuOrder: 0,
        postType: "attachment",
        postPassword: "",
        isSticky: false,
        attachmentUrl: url,
        terms: [],
        meta: [{ key: "_wp_attached_file", value: asset.path.replace(/^\/uploads\//, "") }],
        comments: [],
      };
    }
    for await (const post of iterateExportPosts()) {
      summary.posts += 1;
      summary.comments += post.comments.length;
      yield postItem(post, attachmentIds);
    }
    for (const page of await listExportPages()) {
      summary.pages += 1;
      if (/^\d+$/.test(page.slug)) summary.numericPageSlugs.push(page.slug);
      yield pageItem(page);
    }
  }

  /** A page as WordPress writes one: no author (Docket's pages have no byline), no comments, no parent. */
  function pageItem(page: ExportPage): Omit<WxrItem, "kind"> {
    const postId = wordpressId("page", page.id);
    const published = page.status === "PUBLISHED";
    const date = page.publishedAt ?? page.createdAt;
    const link = absoluteUrl(paths.page(page.slug));
    return {
      postId,
      title: asHtml(page.title),
      link,
      pubDate: published ? date : null,
      creator: "",
      guid: `${siteUrl()}/?page_id=${postId}`,
      content: absoluteAddresses(page.bodyHtml),
      excerpt: asHtml(page.description),
      postDate: localTime(date),
      postDateGmt: published ? date : null,
      postModified: localTime(page.updatedAt),
      postModifiedGmt: page.updatedAt,
      commentStatus: "closed",
      pingStatus: "closed",
      postName: page.slug,
      status: published ? "publish" : "draft",
      postParent: 0,
      menuOrder: 0,
      postType: "page",
      postPassword: "",
      isSticky: false,
      attachmentUrl: null,
      terms: [],
      meta: [],
      comments: [],
    };
  }

  function postItem(post: ExportPost, attachmentIds: Map<string, number>): Omit<WxrItem, "kind"> {
    const postId = wordpressId("post", post.id);
    const date = post.publishedAt ?? post.scheduledFor ?? post.createdAt;
    const dated = post.status === "PUBLISHED" || post.status === "SCHEDULED";
    const itemTerms: WxrItemTerm[] = [];
    if (post.category) itemTerms.push({ domain: "category", nicename: post.category.slug, name: asHtml(post.category.name) });
    for (const { tag } of post.tags) itemTerms.push({ domain: "post_tag", nicename: tag.slug, name: asHtml(tag.name) });
    if (post.series) itemTerms.push({ domain: seriesTaxonomy, nicename: post.series.slug, name: asHtml(post.series.title) });
    if (post.authors.length > 1) {
      for (const { profile } of post.authors) itemTerms.push({ domain: "author", nicename: coAuthorSlug(profile.slug), name: profile.slug });
    }
    const meta: WxrMeta[] = [];
    if (post.series && post.seriesPosition !== null) meta.push({ key: "_series_part", value: String(post.seriesPosition) });
    const coverId = post.coverImageUrl ? attachmentIds.get(post.coverImageUrl) : undefined;
    if (coverId !== undefined) meta.push({ key: "_thumbnail_id", value: String(coverId) });

    const commentIds = numberParentsFirst(post.comments, nextCommentNumber);
    const comments: WxrComment[] = post.comments.map((comment) => ({
      id: commentIds.get(comment.id)!,
      author: asHtml(comment.authorName),
      authorEmail: options.includeEmails ? comment.authorEmail : "",
      authorUrl: comment.authorUrl ?? "",
      authorIp: "",
      date: localTime(comment.createdAt),
      dateGmt: comment.createdAt,
      content: renderCommentMarkdown(comment.body),
      approved: APPROVAL[comment.status],
      type: "comment",
      parent: comment.parentId ? (commentIds.get(comment.parentId) ?? 0) : 0,
      userId: 0,
      meta: [],
    }));
    const link = absoluteUrl(`/posts/${encodeURIComponent(post.slug)}`);
    return {
      postId,
      title: asHtml(post.title),
      link,
      pubDate: dated ? date : null,
      creator: post.authors[0]?.profile.slug ?? "",
      guid: `${siteUrl()}/?p=${postId}`,
      content: absoluteAddresses(post.bodyHtml),
      excerpt: asHtml(post.standfirst ?? ""),
      postDate: localTime(date),
      postDateGmt: dated ? date : null,
      postModified: localTime(post.updatedAt),
      postModifiedGmt: post.updatedAt,
      commentStatus: post.commentsOpen ? "open" : "closed",
      pingStatus: "closed",
      postName: post.slug,
      status: STATUS[post.status],
      postParent: 0,
      menuOrder: 0,
      postType: "post",
      postPassword: "",
      isSticky: false,
      attachmentUrl: null,
      terms: itemTerms,
      meta,
      comments,
    };
  }

  async function* categories() {
    for (const category of (await terms()).categories) {
      yield { termId: wordpressId("category", category.slug), nicename: category.slug, parent: null, name: asHtml(category.name), description: asHtml(category.description), meta: [] };
    }
  }
  async function* postTags() {
    for (const tag of (await terms()).tags) yield { termId: wordpressId("tag", tag.slug), slug: tag.slug, name: asHtml(tag.name), description: "", meta: [] };
  }

  return {
    site: { title: asHtml(settings.name), link: siteUrl(), description: settings.tagline, language: "en-GB", baseSiteUrl: siteUrl(), baseBlogUrl: siteUrl() },
    authors: authors(),
    categories: categories(),
    tags: postTags(),
    terms: otherTerms(),
    items: items(),
    generator: "Docket",
    summary,
  };
}

/** What the export says of pages at all-digit addresses, which WordPress will not keep. */
export function numericPageSlugsLine(slugs: string[]): string {
  const list = slugs.map((slug) => `/${slug}`).join(", ");
  return `The page${slugs.length === 1 ? "" : "s"} at ${list} will live elsewhere in WordPress, which refuses all-digit page addresses (it makes /${slugs[0]} into /${slugs[0]}-2): add a redirect there, or give ${slugs.length === 1 ? "it" : "them"} a word before exporting.`;
}

/** Writes the WXR export to `path`, streaming the posts; says what it wrote. */
export async function writeDocketWxrFile(path: string, options: WxrExportOptions = {}): Promise<WxrExportSummary> {
  const wxr = await docketWxr(options);
  await writeWxrFile(path, wxr);
  return wxr.summary;
}
