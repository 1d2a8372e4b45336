// RSS 2.0 and Atom documents for the site, a series, a category or an author, with full content.
// URLs: /feed.xml and /atom.xml, and the same two names under /series/<slug>, /categories/<slug>
// and /authors/<slug>.
import { getPublicAuthor } from "@/features/authors/data";
import { getPublicCategory } from "@/features/categories/data";
import { listFeedPosts, type FeedPost, type FeedScope } from "@/features/posts/data";
import { getPublicSeries } from "@/features/series/data";
import { findRedirectKeepingRest } from "@/features/redirects/data";
import { getSiteSettings } from "@/features/site/data";
import { lastChangeOf } from "@/features/posts/corrections/data";
import { correctionLabel } from "@/features/posts/corrections/components/CorrectionsNotice";
import { formatUkDate } from "@/lib/london-time";
import { escapeHtml } from "@/lib/mail/layout";
import { absoluteUrl, paths } from "@/lib/seo";
import { cdata, escapeXml } from "@/lib/xml";

export type FeedFormat = "rss" | "atom";

type Channel = { title: string; description: string; pagePath: string; siteName: string };

/**
 * Feed readers resolve nothing against the page: root-relative links and images become absolute,
 * and in-article links ("#notes") point into the post's own page.
 */
function absolutizeHtml(html: string, pageUrl: string): string {
  return html
    .replace(/\b(href|src)="\/(?!\/)/g, (_, attribute: string) => `${attribute}="${absoluteUrl("/")}`)
    .replace(/\bhref="#/g, `href="${pageUrl}#`);
}


/**
 * A post's feed id (RSS guid, Atom id): a tag: URI (RFC 4151) from the site's host and the post's
 * id, dated by the post's creation, so renaming the post (its slug) never makes it new to readers.
 */
function permanentPostId(post: FeedPost): string {
  return `tag:${new URL(absoluteUrl("/")).hostname},${post.createdAt.toISOString().slice(0, 10)}:post:${post.id}`;
}

async function describeScope(scope: FeedScope): Promise<Omit<Channel, "siteName"> | null> {
  const site = await getSiteSettings();
  const name = site.name;
  switch (scope.kind) {
    case "site":
      return { title: name, description: site.description || site.tagline || `The latest posts on ${name}.`, pagePath: "/" };
    case "series": {
      const series = await getPublicSeries(scope.slug);
      return series
        ? { title: `${series.title} series · ${name}`, description: series.summary || `The ${series.title} series.`, pagePath: paths.series(series.slug) }
        : null;
    }
    case "category": {
      const category = await getPublicCategory(scope.slug);
      return category
        ? { title: `${category.name} · ${name}`, description: category.description || `Posts in ${category.name}.`, pagePath: paths.category(category.slug) }
        : null;
    }
    case "author": {
      const author = await getPublicAuthor(scope.slug);
      return author
        ? { title: `${author.displayName} · ${name}`, description: author.bio || `Posts by ${author.displayName}.`, pagePath: paths.author(author.slug) }
        : null;
    }
  }
}

function scopePath(scope: FeedScope): string {
  return scope.kind === "site"
    ? ""
    : scope.kind === "series"
      ? paths.series(scope.slug)
      : scope.kind === "category"
        ? paths.category(scope.slug)
        : paths.author(scope.slug);
}

function feedPath(scope: FeedScope, format: FeedFormat): string {
  const prefix = scopePath(scope);
  return format === "rss" ? paths.rss(prefix) : paths.atom(prefix);
}

/** The post's corrections and clarifications, as HTML to put before its text in a feed entry. */
function correctionsHtml(post: FeedPost): string {
  if (post.corrections.length === 0) return "";
  const notes = post.corrections.map((entry) => `<p><strong>${correctionLabel(entry.kind)}, ${formatUkDate(entry.publishedAt)}:</strong> ${escapeHtml(entry.text)}</p>`);
  return `<aside>${notes.join("")}</aside>`;
}

function entryHtml(post: FeedPost, url: string): string {
  return correctionsHtml(post) + absolutizeHtml(post.bodyHtml, url);
}

function rssItem(post: FeedPost): string {
  const url = absoluteUrl(paths.post(post.slug));
  return [
    "<item>",
    `<title>${escapeXml(post.title)}</title>`,
    `<link>${escapeXml(url)}</link>`,
    `<guid isPermaLink="false">${escapeXml(permanentPostId(post))}</guid>`,
    `<pubDate>${post.publishedAt.toUTCString()}</pubDate>`,
    ...post.authors.map((author) => `<dc:creator>${escapeXml(author.displayName)}</dc:creator>`),
    post.category ? `<category>${escapeXml(post.category.name)}</category>` : "",
    // Feed readers read an RSS description as HTML: it is text, so it is escaped as HTML first.
    `<description>${escapeXml(escapeHtml(post.standfirst ?? post.excerpt))}</description>`,
    `<content:encoded>${cdata(entryHtml(post, url))}</content:encoded>`,
    "</item>",
  ].join("");
}

function renderRss(channel: Channel, selfUrl: string, posts: FeedPost[]): string {
  const updated = posts[0]?.publishedAt ?? new Date(0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    "<channel>",
    `<title>${escapeXml(channel.title)}</title>`,
    `<link>${escapeXml(absoluteUrl(channel.pagePath))}</link>`,
    `<description>${escapeXml(channel.description)}</description>`,
    "<language>en-gb</language>",
    `<lastBuildDate>${updated.toUTCString()}</lastBuildDate>`,
    `<atom:link href="${escapeXml(selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...posts.map(rssItem),
    "</channel>",
    "</rss>",
  ].join("\n");
}

function atomEntry(post: FeedPost): string {
  const url = absoluteUrl(paths.post(post.slug));
  const changed = lastChangeOf(post);
  const updated = changed > post.publishedAt ? changed : post.publishedAt;
  return [
    "<entry>",
    `<id>${escapeXml(permanentPostId(post))}</id>`,
    `<title>${escapeXml(post.title)}</title>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
    `<published>${post.publishedAt.toISOString()}</published>`,
    `<updated>${updated.toISOString()}</updated>`,
    ...post.authors.map(
      (author) => `<author><name>${escapeXml(author.displayName)}</name><uri>${escapeXml(absoluteUrl(paths.author(author.slug)))}</uri></author>`,
    ),
    post.category ? `<category term="${escapeXml(post.category.slug)}" label="${escapeXml(post.category.name)}"/>` : "",
    `<summary>${escapeXml(post.standfirst ?? post.excerpt)}</summary>`,
    `<content type="html">${escapeXml(entryHtml(post, url))}</content>`,
    "</entry>",
  ].join("");
}

function renderAtom(channel: Channel, selfUrl: string, posts: FeedPost[]): string {
  const updated = posts.reduce(
    (latest, post) => (lastChangeOf(post) > latest ? lastChangeOf(post) : latest),
    posts[0]?.publishedAt ?? new Date(0),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    `<id>${escapeXml(absoluteUrl(channel.pagePath))}</id>`,
    `<title>${escapeXml(channel.title)}</title>`,
    `<subtitle>${escapeXml(channel.description)}</subtitle>`,
    `<updated>${updated.toISOString()}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(absoluteUrl(channel.pagePath))}"/>`,
    `<author><name>${escapeXml(channel.siteName)}</name></author>`,
    ...posts.map(atomEntry),
    "</feed>",
  ].join("\n");
}

/** The feed document, or null when the series, category or author has nothing published. */
export async function renderFeed(scope: FeedScope, format: FeedFormat): Promise<string | null> {
  const [scoped, site] = await Promise.all([describeScope(scope), getSiteSettings()]);
  if (!scoped) return null;
  const channel = { ...scoped, siteName: site.name };
  const posts = await listFeedPosts(scope);
  const selfUrl = absoluteUrl(feedPath(scope, format));
  return format === "rss" ? renderRss(channel, selfUrl, posts) : renderAtom(channel, selfUrl, posts);
}

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};

const FEED_CACHE_CONTROL = "public, max-age=0, s-maxage=300, stale-while-revalidate=86400";

/** The feed; for an old slug a 308 to the same feed at the current one; otherwise a 404. */
export async function feedResponse(scope: FeedScope, format: FeedFormat): Promise<Response> {
  const body = await renderFeed(scope, format);
  if (body === null) {
    const moved = scope.kind === "site" ? null : await findRedirectKeepingRest(scopePath(scope), format === "rss" ? paths.rss() : paths.atom());
    if (moved) return new Response(null, { status: 308, headers: { location: absoluteUrl(moved), "cache-control": FEED_CACHE_CONTROL } });
    return new Response("No such feed.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  return feedDocumentResponse(body, format);
}

/** A rendered feed as the answer, with its type and the feeds' caching. */
export function feedDocumentResponse(body: string, format: FeedFormat): Response {
  return new Response(body, { headers: { "content-type": CONTENT_TYPES[format], "cache-control": FEED_CACHE_CONTROL } });
}
