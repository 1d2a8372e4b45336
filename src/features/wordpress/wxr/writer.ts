// Writes a WXR 1.2 file laid out as WordPress's own export (wp-admin/includes/export.php) lays it out, element
// for element, so that each of the WordPress importer's parsers reads it: SimpleXML and the XML extension by
// qualified names (wp:, content:, excerpt:, dc:), and the line-by-line regular-expression fallback, which needs
// each author on one line, <item> and </item> on lines of their own, and every string value in CDATA.
// Items stream through one at a time; only the (few) categories and terms are held, to put parents first.
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { WxrAuthor, WxrCategory, WxrComment, WxrItem, WxrLocalDateTime, WxrMeta, WxrSite, WxrTag, WxrTerm } from "./types";
import { cdata, escapeXml } from "@/lib/xml";

export const WXR_WRITTEN_VERSION = "1.2";

type Records<T> = Iterable<T> | AsyncIterable<T>;

export type WxrExport = {
  site: Omit<WxrSite, "kind" | "wxrVersion" | "pubDate">;
  authors?: Records<Omit<WxrAuthor, "kind">>;
  categories?: Records<Omit<WxrCategory, "kind">>;
  tags?: Records<Omit<WxrTag, "kind">>;
  /** Terms of every other taxonomy (series, author, nav_menu, …). */
  terms?: Records<Omit<WxrTerm, "kind">>;
  /** Posts, pages, attachments, menu items…, each with its own comments. */
  items?: Records<Omit<WxrItem, "kind">>;
  /** The channel's pubDate: when the export was made. Defaults to now. */
  exportedAt?: Date;
  /** Named in the generator comment, as WordPress names itself there. */
  generator?: string;
};

/** Writes `wxr` to the file at `path`, streaming. */
export async function writeWxrFile(path: string, wxr: WxrExport): Promise<void> {
  await pipeline(Readable.from(writeWxr(wxr)), createWriteStream(path));
}

/** The WXR 1.2 document for `wxr`, in chunks of UTF-8 text (one per record). */
export async function* writeWxr(wxr: WxrExport): AsyncGenerator<string, void, undefined> {
  const exportedAt = wxr.exportedAt ?? new Date();
  yield header(wxr.site, exportedAt, wxr.generator ?? "Docket");
  for await (const author of wxr.authors ?? []) yield authorElement(author);
  for (const category of parentsFirst(await collect(wxr.categories), (category) => category.nicename)) yield categoryElement(category);
  for await (const tag of wxr.tags ?? []) yield tagElement(tag);
  const terms = await collect(wxr.terms);
  for (const taxonomy of new Set(terms.map((term) => term.taxonomy))) {
    const ofTaxonomy = terms.filter((term) => term.taxonomy === taxonomy);
    for (const term of parentsFirst(ofTaxonomy, (term) => term.slug)) yield termElement(term);
  }
  yield "\n";
  for await (const item of wxr.items ?? []) yield itemElement(item);
  yield "</channel>\n</rss>\n";
}

async function collect<T>(records: Records<T> | undefined): Promise<T[]> {
  const all: T[] = [];
  for await (const record of records ?? []) all.push(record);
  return all;
}

/** WordPress's importer looks a parent up by slug when it meets the child, so no child may come before its parent. */
function parentsFirst<T extends { parent: string | null }>(records: T[], slugOf: (record: T) => string): T[] {
  const bySlug = new Map(records.map((record) => [slugOf(record), record]));
  const placed = new Set<T>();
  const ordered: T[] = [];
  const place = (record: T, seen: Set<T>) => {
    if (placed.has(record) || seen.has(record)) return;
    seen.add(record);
    const parent = record.parent === null ? undefined : bySlug.get(record.parent);
    if (parent) place(parent, seen);
    placed.add(record);
    ordered.push(record);
  };
  for (const record of records) place(record, new Set());
  return ordered;
}

// ---------------------------------------------------------------------------------------------------------
// Escaping.

// Every value goes through escapeXml or cdata (src/lib/xml.ts), which drop what XML 1.0 forbids.

function number(value: number | null): string {
  return value === null ? "" : String(Math.trunc(value));
}

const ZERO_DATE = "0000-00-00 00:00:00";

function gmtDateTime(value: Date | null): string {
  return value === null ? ZERO_DATE : value.toISOString().slice(0, 19).replace("T", " ");
}

function localDateTime(value: WxrLocalDateTime | null): string {
  return value ?? ZERO_DATE;
}

/** RFC 822 as WordPress writes it: "Sat, 01 Jun 2024 09:30:00 +0000". */
function rssDate(value: Date | null): string {
  return value === null ? "" : value.toUTCString().replace("GMT", "+0000");
}

// ---------------------------------------------------------------------------------------------------------
// Elements.

function header(site: WxrExport["site"], exportedAt: Date, generator: string): string {
  const created = exportedAt.toISOString().slice(0, 16).replace("T", " ");
  const version = WXR_WRITTEN_VERSION;
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!-- A WordPress eXtended RSS (WXR ${version}) file: the posts, pages, comments, authors, categories, tags and -->
<!-- other terms of a site, for WordPress's importer (Tools, Import, WordPress) or any other that reads WXR. -->
<!-- generator="${escapeXml(generator).replaceAll("--", "- -")}" created="${created}" -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/${version}/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/${version}/"
>

<channel>
	<title>${escapeXml(site.title)}</title>
	<link>${escapeXml(site.link)}</link>
	<description>${escapeXml(site.description)}</description>
	<pubDate>${rssDate(exportedAt)}</pubDate>
	<language>${escapeXml(site.language)}</language>
	<wp:wxr_version>${version}</wp:wxr_version>
	<wp:base_site_url>${escapeXml(site.baseSiteUrl)}</wp:base_site_url>
	<wp:base_blog_url>${escapeXml(site.baseBlogUrl)}</wp:base_blog_url>

`;
}

function authorElement(author: Omit<WxrAuthor, "kind">): string {
  return (
    `\t<wp:author><wp:author_id>${number(author.id)}</wp:author_id>` +
    `<wp:author_login>${cdata(author.login)}</wp:author_login>` +
    `<wp:author_email>${cdata(author.email)}</wp:author_email>` +
    `<wp:author_display_name>${cdata(author.displayName)}</wp:author_display_name>` +
    `<wp:author_first_name>${cdata(author.firstName)}</wp:author_first_name>` +
    `<wp:author_last_name>${cdata(author.lastName)}</wp:author_last_name></wp:author>\n`
  );
}

function termMeta(meta: WxrMeta[]): string {
  return meta
    .map((entry) => `\t\t<wp:termmeta>\n\t\t\t<wp:meta_key>${cdata(entry.key)}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata(entry.value)}</wp:meta_value>\n\t\t</wp:termmeta>\n`)
    .join("");
}

function categoryElement(category: Omit<WxrCategory, "kind">): string {
  return (
    `\t<wp:category>\n` +
    `\t\t<wp:term_id>${number(category.termId)}</wp:term_id>\n` +
    `\t\t<wp:category_nicename>${cdata(category.nicename)}</wp:category_nicename>\n` +
    `\t\t<wp:category_parent>${cdata(category.parent ?? "")}</wp:category_parent>\n` +
    (category.name ? `\t\t<wp:cat_name>${cdata(category.name)}</wp:cat_name>\n` : "") +
    (category.description ? `\t\t<wp:category_description>${cdata(category.description)}</wp:category_description>\n` : "") +
    termMeta(category.meta) +
    `\t</wp:category>\n`
  );
}

function tagElement(tag: Omit<WxrTag, "kind">): string {
  return (
    `\t<wp:tag>\n` +
    `\t\t<wp:term_id>${number(tag.termId)}</wp:term_id>\n` +
    `\t\t<wp:tag_slug>${cdata(tag.slug)}</wp:tag_slug>\n` +
    (tag.name ? `\t\t<wp:tag_name>${cdata(tag.name)}</wp:tag_name>\n` : "") +
    (tag.description ? `\t\t<wp:tag_description>${cdata(tag.description)}</wp:tag_description>\n` : "") +
    termMeta(tag.meta) +
    `\t</wp:tag>\n`
  );
}

function termElement(term: Omit<WxrTerm, "kind">): string {
  return (
    `\t<wp:term>\n` +
    `\t\t<wp:term_id>${number(term.termId)}</wp:term_id>\n` +
    `\t\t<wp:term_taxonomy>${cdata(term.taxonomy)}</wp:term_taxonomy>\n` +
    `\t\t<wp:term_slug>${cdata(term.slug)}</wp:term_slug>\n` +
    `\t\t<wp:term_parent>${cdata(term.parent ?? "")}</wp:term_parent>\n` +
    (term.name ? `\t\t<wp:term_name>${cdata(term.name)}</wp:term_name>\n` : "") +
    (term.description ? `\t\t<wp:term_description>${cdata(term.description)}</wp:term_description>\n` : "") +
    termMeta(term.meta) +
    `\t</wp:term>\n`
  );
}

function commentElement(comment: WxrComment): string {
  return (
    `\t\t<wp:comment>\n` +
    `\t\t\t<wp:comment_id>${number(comment.id)}</wp:comment_id>\n` +
    `\t\t\t<wp:comment_author>${cdata(comment.author)}</wp:comment_author>\n` +
    `\t\t\t<wp:comment_author_email>${cdata(comment.authorEmail)}</wp:comment_author_email>\n` +
    `\t\t\t<wp:comment_author_url>${cdata(comment.authorUrl)}</wp:comment_author_url>\n` +
    `\t\t\t<wp:comment_author_IP>${cdata(comment.authorIp)}</wp:comment_author_IP>\n` +
    `\t\t\t<wp:comment_date>${cdata(localDateTime(comment.date))}</wp:comment_date>\n` +
    `\t\t\t<wp:comment_date_gmt>${cdata(gmtDateTime(comment.dateGmt))}</wp:comment_date_gmt>\n` +
    `\t\t\t<wp:comment_content>${cdata(comment.content)}</wp:comment_content>\n` +
    `\t\t\t<wp:comment_approved>${cdata(comment.approved)}</wp:comment_approved>\n` +
    `\t\t\t<wp:comment_type>${cdata(comment.type)}</wp:comment_type>\n` +
    `\t\t\t<wp:comment_parent>${number(comment.parent)}</wp:comment_parent>\n` +
    `\t\t\t<wp:comment_user_id>${number(comment.userId)}</wp:comment_user_id>\n` +
    comment.meta
      .map((entry) => `\t\t\t<wp:commentmeta>\n\t\t\t\t<wp:meta_key>${cdata(entry.key)}</wp:meta_key>\n\t\t\t\t<wp:meta_value>${cdata(entry.value)}</wp:meta_value>\n\t\t\t</wp:commentmeta>\n`)
      .join("") +
    `\t\t</wp:comment>\n`
  );
}

function itemElement(item: Omit<WxrItem, "kind">): string {
  const terms = item.terms
    .map((term) => {
      const nicename = term.nicename === null ? "" : ` nicename="${escapeXml(term.nicename)}"`;
      return `\t\t<category domain="${escapeXml(term.domain)}"${nicename}>${cdata(term.name)}</category>\n`;
    })
    .join("");
  const meta = item.meta
    .map((entry) => `\t\t<wp:postmeta>\n\t\t<wp:meta_key>${cdata(entry.key)}</wp:meta_key>\n\t\t<wp:meta_value>${cdata(entry.value)}</wp:meta_value>\n\t\t</wp:postmeta>\n`)
    .join("");
  return (
    `\t<item>\n` +
    `\t\t<title>${cdata(item.title)}</title>\n` +
    `\t\t<link>${escapeXml(item.link ?? "")}</link>\n` +
    `\t\t<pubDate>${rssDate(item.pubDate)}</pubDate>\n` +
    `\t\t<dc:creator>${cdata(item.creator)}</dc:creator>\n` +
    `\t\t<guid isPermaLink="false">${escapeXml(item.guid)}</guid>\n` +
    `\t\t<description></description>\n` +
    `\t\t<content:encoded>${cdata(item.content)}</content:encoded>\n` +
    `\t\t<excerpt:encoded>${cdata(item.excerpt)}</excerpt:encoded>\n` +
    `\t\t<wp:post_id>${number(item.postId)}</wp:post_id>\n` +
    `\t\t<wp:post_date>${cdata(localDateTime(item.postDate))}</wp:post_date>\n` +
    `\t\t<wp:post_date_gmt>${cdata(gmtDateTime(item.postDateGmt))}</wp:post_date_gmt>\n` +
    `\t\t<wp:post_modified>${cdata(localDateTime(item.postModified))}</wp:post_modified>\n` +
    `\t\t<wp:post_modified_gmt>${cdata(gmtDateTime(item.postModifiedGmt))}</wp:post_modified_gmt>\n` +
    `\t\t<wp:comment_status>${cdata(item.commentStatus)}</wp:comment_status>\n` +
    `\t\t<wp:ping_status>${cdata(item.pingStatus)}</wp:ping_status>\n` +
    `\t\t<wp:post_name>${cdata(item.postName)}</wp:post_name>\n` +
    `\t\t<wp:status>${cdata(item.status)}</wp:status>\n` +
    `\t\t<wp:post_parent>${number(item.postParent)}</wp:post_parent>\n` +
    `\t\t<wp:menu_order>${number(item.menuOrder)}</wp:menu_order>\n` +
    `\t\t<wp:post_type>${cdata(item.postType)}</wp:post_type>\n` +
    `\t\t<wp:post_password>${cdata(item.postPassword)}</wp:post_password>\n` +
    `\t\t<wp:is_sticky>${item.isSticky ? 1 : 0}</wp:is_sticky>\n` +
    (item.attachmentUrl !== null ? `\t\t<wp:attachment_url>${cdata(item.attachmentUrl)}</wp:attachment_url>\n` : "") +
    terms +
    meta +
    item.comments.map(commentElement).join("") +
    `\t</item>\n`
  );
}
