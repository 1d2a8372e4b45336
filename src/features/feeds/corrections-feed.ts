// RSS 2.0 and Atom documents of the /corrections page: the latest corrections and clarifications,
// each an item of its own that links to the post it corrects.
import { correctionLabel } from "@/features/posts/corrections/components/CorrectionsNotice";
import { listPublishedCorrections, type CorrectionListEntry } from "@/features/posts/corrections/data";
import { getSiteSettings } from "@/features/site/data";
import { absoluteUrl, paths } from "@/lib/seo";
import { escapeXml } from "@/lib/xml";
import { feedDocumentResponse, type FeedFormat } from "./documents";

const SCOPE = "/corrections";

function entryId(entry: CorrectionListEntry): string {
  return `tag:${new URL(absoluteUrl("/")).hostname},${entry.publishedAt.toISOString().slice(0, 10)}:correction:${entry.id}`;
}

const entryTitle = (entry: CorrectionListEntry) => `${correctionLabel(entry.kind)}: ${entry.post.title}`;
const entryUrl = (entry: CorrectionListEntry) => absoluteUrl(`${paths.post(entry.post.slug)}#corrections`);

function rss(title: string, entries: CorrectionListEntry[]): string {
  const updated = entries[0]?.publishedAt ?? new Date(0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "<channel>",
    `<title>${escapeXml(title)}</title>`,
    `<link>${escapeXml(absoluteUrl(paths.corrections()))}</link>`,
    "<description>Every correction and clarification, newest first.</description>",
    "<language>en-gb</language>",
    `<lastBuildDate>${updated.toUTCString()}</lastBuildDate>`,
    `<atom:link href="${escapeXml(absoluteUrl(paths.rss(SCOPE)))}" rel="self" type="application/rss+xml"/>`,
    ...entries.map((entry) =>
      [
        "<item>",
        `<title>${escapeXml(entryTitle(entry))}</title>`,
        `<link>${escapeXml(entryUrl(entry))}</link>`,
        `<guid isPermaLink="false">${escapeXml(entryId(entry))}</guid>`,
        `<pubDate>${entry.publishedAt.toUTCString()}</pubDate>`,
        `<description>${escapeXml(entry.text)}</description>`,
        "</item>",
      ].join(""),
    ),
    "</channel>",
    "</rss>",
  ].join("\n");
}

function atom(title: string, siteName: string, entries: CorrectionListEntry[]): string {
  const updated = entries[0]?.publishedAt ?? new Date(0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    `<id>${escapeXml(absoluteUrl(paths.corrections()))}</id>`,
    `<title>${escapeXml(title)}</title>`,
    `<updated>${updated.toISOString()}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(absoluteUrl(paths.atom(SCOPE)))}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(absoluteUrl(paths.corrections()))}"/>`,
    `<author><name>${escapeXml(siteName)}</name></author>`,
    ...entries.map((entry) =>
      [
        "<entry>",
        `<id>${escapeXml(entryId(entry))}</id>`,
        `<title>${escapeXml(entryTitle(entry))}</title>`,
        `<link rel="alternate" type="text/html" href="${escapeXml(entryUrl(entry))}"/>`,
        `<published>${entry.publishedAt.toISOString()}</published>`,
        `<updated>${entry.publishedAt.toISOString()}</updated>`,
        `<content type="text">${escapeXml(entry.text)}</content>`,
        "</entry>",
      ].join(""),
    ),
    "</feed>",
  ].join("\n");
}

export async function correctionsFeedResponse(format: FeedFormat): Promise<Response> {
  const [site, list] = await Promise.all([getSiteSettings(), listPublishedCorrections(1)]);
  const title = `Corrections and clarifications · ${site.name}`;
  const body = format === "rss" ? rss(title, list.corrections) : atom(title, site.name, list.corrections);
  return feedDocumentResponse(body, format);
}
