// A WordPress post's content as Docket markdown: what WordPress does to the stored text before showing
// it (automatic paragraphs, shortcodes, embeds, `<!--more-->` and `<!--nextpage-->`), then the one
// HTML → markdown converter. Tweets become quotations with a link, never a third-party script.
import type { Element, ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import type { Root as MdastRoot } from "mdast";
import { visit } from "unist-util-visit";
import { z } from "zod";
import { htmlToMdast, mdastToMarkdown } from "@/lib/html-to-markdown";
import { addAutomaticParagraphs } from "./automatic-paragraphs";
import { replaceShortcodes, type Shortcode } from "./shortcodes";

export type WordPressAttachment = { url: string; alt?: string; caption?: string };

export type WordPressContentContext = {
  /** Attachments by WordPress id, for `[gallery ids="…"]`. */
  attachments?: ReadonlyMap<number, WordPressAttachment>;
  /** The ids of the images attached to this post, in menu order: what a `[gallery]` without ids shows. */
  attachedImageIds?: readonly number[];
  /** The post's cached oEmbed HTML (its `_oembed_…` meta values): where a tweet's text is found. */
  oembedCache?: readonly string[];
  /** The post's `footnotes` meta (JSON), which holds the block editor's footnotes. */
  footnotes?: string;
  /** Applied to every link and image address, e.g. to point old upload URLs at Docket's copies. */
  rewriteUrl?: (url: string) => string;
};

export type WordPressContent = {
  /** The whole post; pages split by `<!--nextpage-->` are joined with a horizontal rule. */
  markdown: string;
  /** What comes before `<!--more-->` (WordPress's teaser), or null when the post has no such tag. */
  teaser: string | null;
  /** How many `<!--nextpage-->` pages the post had (1 when none). */
  pageCount: number;
  /** What could not be converted and was kept as text or left out, one sentence each. */
  problems: string[];
  /** Every image address and every link to a media or document file, as found (before rewriteUrl). */
  mediaUrls: string[];
};

// ---------- building HTML ----------

function element(tagName: string, properties: Element["properties"], children: ElementContent[] = []): Element {
  return { type: "element", tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: "text", value };
}

function html(node: Element | Element[]): string {
  return toHtml(Array.isArray(node) ? { type: "root", children: node } : node);
}

function linkParagraph(url: string, label = url): string {
  return html(element("p", {}, [element("a", { href: url }, [text(label)])]));
}

// ---------- tweets ----------

const TWEET_URL = /^https?:\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\/(?:#!\/)?(\w{1,15})\/status(?:es)?\/(\d+)/i;
const CACHED_TWEET = /<blockquote\b[^>]*\bclass=["'][^"']*\btwitter-(?:tweet|video)\b[^>]*>[\s\S]*?<\/blockquote>/i;
const STATUS_LINK = /https?:\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\/\w+\/status(?:es)?\/(\d+)/gi;

/** Cached tweet quotations by status id; the last status link in one is its own permalink. */
function cachedTweets(oembedCache: readonly string[]): Map<string, string> {
  const tweets = new Map<string, string>();
  for (const cached of oembedCache) {
    const quotation = CACHED_TWEET.exec(cached)?.[0];
    const id = quotation && [...quotation.matchAll(STATUS_LINK)].at(-1)?.[1];
    if (quotation && id) tweets.set(id, quotation);
  }
  return tweets;
}

// ---------- one conversion's state ----------

class Conversion {
  readonly problems: string[] = [];
  private readonly tweets: Map<string, string>;

  constructor(readonly context: WordPressContentContext) {
    this.tweets = cachedTweets(context.oembedCache ?? []);
  }

  report(problem: string): void {
    if (!this.problems.includes(problem)) this.problems.push(problem);
  }

  tweet(url: string, id: string, handle?: string): string {
    const cached = this.tweets.get(id);
    if (cached) return cached;
    this.report(`Tweet ${url}: no cached copy of its text, so it is kept as a quoted link.`);
    const label = handle && handle !== "i" ? `Tweet by @${handle}` : "Tweet";
    return html(element("blockquote", {}, [element("p", {}, [element("a", { href: url }, [text(label)])])]));
  }

  /** What WordPress shows for a URL on a line of its own: the tweet, or a link. */
  embed(url: string): string {
    const tweet = TWEET_URL.exec(url);
    return tweet ? this.tweet(url, tweet[2], tweet[1]) : linkParagraph(url);
  }
}

// ---------- shortcodes ----------

const VIDEO_SOURCES = ["src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mp3", "ogg", "m4a", "wav"];

function ids(list: string | undefined): number[] {
  return (list ?? "").split(",").map((id) => Number(id.trim())).filter((id) => Number.isInteger(id) && id > 0);
}

function openingTag(shortcode: Shortcode): string {
  const tag = shortcode.openingTag;
  return tag.length > 100 ? `${tag.slice(0, 99)}…]` : tag;
}

function caption(shortcode: Shortcode): string | undefined {
  const parts = /((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*<\/a>)?)([\s\S]*)/i.exec(shortcode.content ?? "");
  if (!parts) return undefined;
  const captionText = (shortcode.get("caption") ?? parts[2]).trim();
  return `<figure>${parts[1]}${captionText ? `<figcaption>${captionText}</figcaption>` : ""}</figure>`;
}

function gallery(shortcode: Shortcode, conversion: Conversion): string | undefined {
  const { attachments, attachedImageIds } = conversion.context;
  const listed = ids(shortcode.get("ids") ?? shortcode.get("include"));
  const excluded = new Set(ids(shortcode.get("exclude")));
  const shown = (listed.length > 0 ? listed : (attachedImageIds ?? [])).filter((id) => !excluded.has(id));
  if (shown.length === 0) return undefined;
  const figures: Element[] = [];
  for (const id of shown) {
    const attachment = attachments?.get(id);
    if (!attachment) {
      conversion.report(`[gallery]: attachment ${id} was not found, so its image is left out.`);
      continue;
    }
    const image = element("img", { src: attachment.url, alt: attachment.alt ?? "" });
    const captionText = attachment.caption?.trim();
    figures.push(element("figure", {}, captionText ? [image, element("figcaption", {}, [text(captionText)])] : [image]));
  }
  return html(figures);
}

function mediaLink(shortcode: Shortcode): string | undefined {
  const source = VIDEO_SOURCES.map((name) => shortcode.get(name)).find(Boolean) ?? shortcode.content?.trim();
  return source && /^https?:\/\//i.test(source) ? linkParagraph(source) : undefined;
}

/** Jetpack's `[youtube URL]`, `[youtube=URL]`, `[vimeo ID]`. */
function videoLink(shortcode: Shortcode): string | undefined {
  const value = (shortcode.get(0) ?? shortcode.get("url") ?? shortcode.content ?? "").replace(/^=/, "").trim();
  if (/^https?:\/\//i.test(value)) return linkParagraph(value);
  if (shortcode.tag.toLowerCase() === "vimeo" && /^\d+$/.test(value)) return linkParagraph(`https://vimeo.com/${value}`);
  return undefined;
}

function tweetShortcode(shortcode: Shortcode, conversion: Conversion): string | undefined {
  const value = (shortcode.get("tweet") ?? shortcode.get(0) ?? "").trim();
  if (/^\d+$/.test(value)) return conversion.tweet(`https://twitter.com/i/status/${value}`, value);
  return TWEET_URL.test(value) ? conversion.embed(value) : undefined;
}

function convertShortcode(shortcode: Shortcode, conversion: Conversion): string | undefined {
  switch (shortcode.tag.toLowerCase()) {
    case "caption":
    case "wp_caption":
      return caption(shortcode);
    case "gallery":
      return gallery(shortcode, conversion);
    case "embed": {
      const url = (shortcode.content ?? shortcode.get("url") ?? "").trim();
      return /^https?:\/\//i.test(url) ? conversion.embed(url) : undefined;
    }
    case "video":
    case "audio":
      return mediaLink(shortcode);
    case "youtube":
    case "vimeo":
      return videoLink(shortcode);
    case "tweet":
      return tweetShortcode(shortcode, conversion);
    default:
      return undefined;
  }
}

const KNOWN_SHORTCODES = new Set(["caption", "wp_caption", "gallery", "embed", "video", "audio", "youtube", "vimeo", "tweet"]);

/**
 * A bracketed word such as "[sic]" or "[laughs]" is prose, not a shortcode: only a known name, one
 * with attributes, a closing tag, or a name no one would write in prose counts as one.
 */
function looksLikeShortcode(shortcode: Shortcode): boolean {
  return (
    KNOWN_SHORTCODES.has(shortcode.tag.toLowerCase()) ||
    shortcode.type !== "single" ||
    Object.keys(shortcode.attrs.named).length > 0 ||
    /[_-]/.test(shortcode.tag)
  );
}

/** Shortcodes as WordPress would expand them; what cannot be is kept as text and reported. */
function expandShortcodes(source: string, conversion: Conversion): string {
  return replaceShortcodes(source, ({ shortcode, closingTag }) => {
    if (!looksLikeShortcode(shortcode)) return undefined;
    const converted = convertShortcode(shortcode, conversion);
    if (converted !== undefined) return converted.replace(/\s*\n\s*/g, " ");
    conversion.report(
      KNOWN_SHORTCODES.has(shortcode.tag.toLowerCase())
        ? `Shortcode ${openingTag(shortcode)} could not be converted and is kept as text.`
        : `Unknown shortcode ${openingTag(shortcode)} is kept as text.`,
    );
    if (shortcode.content === undefined || !closingTag) return undefined;
    return shortcode.openingTag + expandShortcodes(shortcode.content, conversion) + closingTag;
  });
}

// ---------- blocks, embeds, footnotes ----------

const BLOCK_COMMENT = /<!--\s*\/?wp:[\s\S]*?-->/g;
const DYNAMIC_BLOCK = /<!--\s*wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)(?:\s+\{(?:(?!-->)[\s\S])*\})?\s*\/-->/g;
const SAVED_ELSEWHERE = new Set(["more", "nextpage", "footnotes", "spacer", "separator"]);
const MORE = /<!--more(?:\s[\s\S]*?)?-->/;
const BARE_URL_LINE = /^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gim;
const BARE_URL_PARAGRAPH = /<p(?:\s[^>]*)?>\s*(https?:\/\/[^\s<>"]+)\s*<\/p>/gi;
const PREFORMATTED = /(<pre[\s>][\s\S]*?<\/pre>)/i;

const footnotesMeta = z.array(z.object({ id: z.string().regex(/^[\w-]+$/), content: z.string() }));

function parsedJson(raw: string | undefined): unknown {
  try {
    return raw === undefined ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** The block editor keeps footnotes in post meta and renders their list where the footnotes block sits. */
function footnotesList(conversion: Conversion): string {
  const parsed = footnotesMeta.safeParse(parsedJson(conversion.context.footnotes));
  if (!parsed.success) {
    conversion.report("The post has a footnotes block but no readable footnotes meta, so its notes are left out.");
    return "";
  }
  const items = parsed.data.map(({ id, content }) => `<li id="${id}">${content} <a href="#${id}-link">↩︎</a></li>`);
  return `<ol class="wp-block-footnotes">${items.join("")}</ol>`;
}

function withBlocksResolved(page: string, conversion: Conversion): string {
  return page
    .replace(DYNAMIC_BLOCK, (whole, name: string) => {
      if (name === "footnotes") return footnotesList(conversion);
      if (!SAVED_ELSEWHERE.has(name)) conversion.report(`Block "${name}" is generated by WordPress when the page is shown and has no saved content, so it is left out.`);
      return "";
    })
    .replace(BLOCK_COMMENT, "");
}

/** Outside <pre>: a URL alone on its line, or alone in a paragraph, is an embed. */
function withEmbeds(page: string, conversion: Conversion): string {
  return page
    .split(PREFORMATTED)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(BARE_URL_PARAGRAPH, (_whole, url: string) => conversion.embed(url))
            .replace(BARE_URL_LINE, (_whole, url: string) => conversion.embed(url)),
    )
    .join("");
}

function pageHtml(page: string, usesBlocks: boolean, conversion: Conversion): string {
  const withoutMore = page.replace(MORE, "").replace(/<!--noteaser-->/g, "");
  const expanded = withEmbeds(expandShortcodes(withBlocksResolved(withoutMore, conversion), conversion), conversion);
  // WordPress adds paragraphs to classic content only: block content carries its own.
  return usesBlocks ? expanded : addAutomaticParagraphs(expanded);
}

// ---------- addresses ----------

export const MEDIA_FILE = /\.(jpe?g|png|gif|webp|avif|svg|bmp|tiff?|pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|txt|csv|zip|mp3|m4a|ogg|wav|mp4|m4v|mov|webm|ogv)(?:[?#]|$)/i;

/**
 * Collects media addresses, and rewrites every address when the caller asked for it. A bare link (its
 * text its address) to a file that moved shows the file's name, not the old address.
 */
function collectMedia(tree: MdastRoot, rewriteUrl: ((url: string) => string) | undefined, mediaUrls: Set<string>): void {
  visit(tree, (node) => {
    if (node.type !== "image" && node.type !== "link") return;
    if (node.type === "image" || MEDIA_FILE.test(node.url)) mediaUrls.add(node.url);
    if (!rewriteUrl) return;
    const old = node.url;
    node.url = rewriteUrl(old);
    const label = node.type === "link" && node.children.length === 1 && node.children[0].type === "text" ? node.children[0] : undefined;
    if (label?.value === old && node.url !== old) label.value = fileNameOf(old);
  });
}

function fileNameOf(url: string): string {
  const name = url.split(/[?#]/)[0].split("/").at(-1) ?? url;
  try {
    return decodeURIComponent(name) || url;
  } catch {
    return name || url;
  }
}

// ---------- entry point ----------

/** A post's content read and converted, before its addresses are final: `write` gives the markdown. */
export type ConvertedContent = Omit<WordPressContent, "markdown" | "teaser"> & {
  /** The markdown (and teaser), every link and image address passed through `rewriteUrl`. */
  write: (rewriteUrl?: (url: string) => string) => Pick<WordPressContent, "markdown" | "teaser">;
};

/** Converts a post's content; its addresses are rewritten when it is written, once its media are known. */
export function convertWordPressContent(content: string, context: WordPressContentContext = {}): ConvertedContent {
  const conversion = new Conversion(context);
  // An HTML parser reads `<![CDATA[` as the start of a comment and drops what follows: in a post it is text.
  const source = content.replace(/\r\n?/g, "\n").replace(/<!\[CDATA\[/g, "&lt;![CDATA[");
  const usesBlocks = /<!--\s*wp:/.test(source);
  const pages = source.split(/<!--nextpage-->/);
  const mediaUrls = new Set<string>();
  const body = pages
    .map((page) => pageHtml(page, usesBlocks, conversion))
    .filter((page) => page.trim() !== "")
    .join("\n<hr>\n");
  const tree = htmlToMdast(body);
  collectMedia(tree, undefined, mediaUrls);
  const more = MORE.exec(pages[0]);
  const teaserTree = more ? htmlToMdast(pageHtml(pages[0].slice(0, more.index), usesBlocks, new Conversion(context))) : null;
  return {
    pageCount: pages.length,
    problems: conversion.problems,
    mediaUrls: [...mediaUrls],
    write: (rewriteUrl) => {
      collectMedia(tree, rewriteUrl, new Set());
      if (teaserTree) collectMedia(teaserTree, rewriteUrl, new Set());
      return { markdown: mdastToMarkdown(tree), teaser: teaserTree ? mdastToMarkdown(teaserTree) : null };
    },
  };
}

export function wordpressContentToMarkdown(content: string, context: WordPressContentContext = {}): WordPressContent {
  const { write, ...converted } = convertWordPressContent(content, context);
  return { ...converted, ...write(context.rewriteUrl) };
}
