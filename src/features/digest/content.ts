// The digest email. Its body depends only on which posts a subscriber gets, so it is built once per
// combination of posts and cached; per subscriber only the signed links are filled in.
import { createHash } from "node:crypto";
import { siteUrl } from "@/lib/env";
import { absoluteUrl, paths } from "@/lib/seo";
import { formatUkDate, ordinal } from "@/lib/london-time";
import { bulkMailHeaders, newMessageId, type OutgoingMail } from "@/lib/mail/send";
import { oneClickUnsubscribeUrl, preferencesUrl, unsubscribePageUrl, unsubscribeToken } from "@/features/subscriptions/links";
import { emailColors, escapeHtml, isolated, renderEmailDocument } from "@/lib/mail/layout";

/** What the digest shows of a post: public fields only (display names, never real names or emails). */
export type DigestPost = {
  id: string;
  slug: string;
  title: string;
  standfirst: string | null;
  excerpt: string;
  publishedAt: Date;
  coverImageUrl: string | null;
  coverImageAlt: string | null;
  seriesId: string | null;
  categoryId: string | null;
  seriesTitle: string | null;
  seriesPosition: number | null;
  categoryName: string | null;
  authorNames: string[];
};

/** A correction or clarification of a post a subscriber got in an earlier digest. */
export type DigestCorrection = { id: string; kind: "CORRECTION" | "CLARIFICATION"; text: string; publishedAt: Date; post: { slug: string; title: string } };

export type SubscriberChoice = { allPosts: boolean; seriesIds: string[]; categoryIds: string[] };

export type DigestBody = { siteName: string; subject: string; html: string; text: string };

const PREFERENCES = "%%DOCKET_PREFERENCES_URL%%";
const UNSUBSCRIBE = "%%DOCKET_UNSUBSCRIBE_URL%%";

export function postUrl(slug: string): string {
  return absoluteUrl(paths.post(slug));
}

export function matchingPosts(posts: DigestPost[], choice: SubscriberChoice): DigestPost[] {
  if (choice.allPosts) return posts;
  const series = new Set(choice.seriesIds);
  const categories = new Set(choice.categoryIds);
  return posts.filter(
    (post) => (post.seriesId !== null && series.has(post.seriesId)) || (post.categoryId !== null && categories.has(post.categoryId)),
  );
}

export function seriesLine(post: DigestPost): string | null {
  if (!post.seriesTitle) return null;
  const series = isolated(post.seriesTitle);
  return post.seriesPosition ? `The ${ordinal(post.seriesPosition)} post in the ${series} series` : `Part of the ${series} series`;
}

export function bylineText(bylines: string[]): string {
  const names = bylines.map(isolated);
  if (names.length === 0) return "";
  if (names.length === 1) return `By ${names[0]}`;
  return `By ${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function summaryOf(post: DigestPost): string {
  return (post.standfirst?.trim() || post.excerpt.trim()).replace(/\s+/g, " ");
}

export function digestSubject(posts: DigestPost[], siteName: string): string {
  if (posts.length === 1) return `${isolated(siteName)}: ${isolated(posts[0].title)}`;
  return `${isolated(siteName)}: ${isolated(posts[0].title)}, and ${posts.length - 1} more new ${posts.length === 2 ? "post" : "posts"}`;
}

function postHtml(post: DigestPost, isFirst: boolean): string {
  const { text, muted, accent, rule } = emailColors;
  const url = escapeHtml(postUrl(post.slug));
  const series = seriesLine(post);
  const byline = bylineText(post.authorNames);
  const cover = post.coverImageUrl
    ? `<tr><td style="padding:0 0 12px"><a href="${url}"><img src="${escapeHtml(post.coverImageUrl.startsWith("/") ? `${siteUrl()}${post.coverImageUrl}` : post.coverImageUrl)}" alt="${escapeHtml(post.coverImageAlt ?? post.title)}" width="544" style="display:block;width:100%;max-width:544px;height:auto;border:0"></a></td></tr>`
    : "";
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" class="docket-rule" style="${isFirst ? "" : `border-top:1px solid ${rule};`}">
<tr><td style="padding:20px 0 4px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
${cover}${series ? `<tr><td class="docket-muted" style="padding:0 0 4px;font-family:Arial,Helvetica,sans-serif;font-size:12px;letter-spacing:0.4px;text-transform:uppercase;color:${muted}">${escapeHtml(series)}</td></tr>` : ""}
<tr><td style="padding:0 0 6px"><a href="${url}" class="docket-link" style="font-family:Georgia,'Times New Roman',serif;font-size:21px;line-height:1.3;font-weight:bold;color:${accent};text-decoration:none">${escapeHtml(post.title)}</a></td></tr>
${byline ? `<tr><td class="docket-muted" style="padding:0 0 8px;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:${muted}">${escapeHtml(byline)}</td></tr>` : ""}
<tr><td class="docket-text" style="padding:0 0 10px;font-size:16px;line-height:1.55;color:${text}">${escapeHtml(summaryOf(post))}</td></tr>
<tr><td style="padding:0 0 8px;font-family:Arial,Helvetica,sans-serif;font-size:14px"><a href="${url}" class="docket-link" style="color:${accent};font-weight:bold">Read the post</a></td></tr>
</table>
</td></tr>
</table>`;
}

function postText(post: DigestPost): string {
  const lines = [isolated(post.title), "=".repeat(Math.min(60, post.title.length))];
  const series = seriesLine(post);
  if (series) lines.push(series);
  const byline = bylineText(post.authorNames);
  if (byline) lines.push(byline);
  lines.push("", summaryOf(post), "", `Read it: ${postUrl(post.slug)}`);
  return lines.join("\n");
}

export const CORRECTED_HEADING = "Corrected since we sent it";

const correctionLine = (entry: DigestCorrection) => `${entry.kind === "CORRECTION" ? "Correction" : "Clarification"}, ${formatUkDate(entry.publishedAt)}: ${entry.text}`;

function correctionsHtml(corrections: DigestCorrection[]): string {
  if (corrections.length === 0) return "";
  const { text, accent, rule } = emailColors;
  const items = corrections
    .map(
      (entry) =>
        `<tr><td style="padding:0 0 12px;font-size:15px;line-height:1.5;color:${text}" class="docket-text"><a href="${escapeHtml(postUrl(entry.post.slug))}" class="docket-link" style="color:${accent};font-weight:bold">${escapeHtml(entry.post.title)}</a><br>${escapeHtml(correctionLine(entry))}</td></tr>`,
    )
    .join("\n");
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" class="docket-rule" style="border-top:1px solid ${rule}">
<tr><td style="padding:20px 0 8px;font-family:Georgia,'Times New Roman',serif;font-size:18px;font-weight:bold;color:${text}" class="docket-text">${CORRECTED_HEADING}</td></tr>
${items}
</table>`;
}

function correctionsText(corrections: DigestCorrection[]): string {
  if (corrections.length === 0) return "";
  const entries = corrections.map((entry) => `${isolated(entry.post.title)}\n${correctionLine(entry)}\n${postUrl(entry.post.slug)}`);
  return ["", "----------", "", CORRECTED_HEADING, "=".repeat(CORRECTED_HEADING.length), "", entries.join("\n\n")].join("\n");
}

/**
 * The digest for one combination of posts (and corrections of posts the subscriber got before), with
 * placeholders where each subscriber's links go.
 */
export function buildDigestBody(posts: DigestPost[], siteName: string, corrections: DigestCorrection[] = []): DigestBody {
  const intro = posts.length === 1 ? "A new post since our last email:" : `${posts.length} new posts since our last email:`;
  const { muted, accent } = emailColors;
  const footerHtml = `You are receiving this because you subscribed to ${escapeHtml(siteName)} by email.<br>
<a href="${PREFERENCES}" class="docket-link" style="color:${accent}">Choose what you receive or pause</a> &middot; <a href="${UNSUBSCRIBE}" class="docket-link" style="color:${accent}">Unsubscribe</a><br>
<span class="docket-muted" style="color:${muted}">${escapeHtml(siteUrl())}</span>`;
  const html = renderEmailDocument({
    siteName,
    title: digestSubject(posts, siteName),
    preheader: posts.map((post) => post.title).join(" · "),
    bodyHtml: `<p style="margin:0 0 4px;font-size:16px">${escapeHtml(intro)}</p>\n${posts.map((post, index) => postHtml(post, index === 0)).join("\n")}${correctionsHtml(corrections)}`,
    footerHtml,
  });
  const text = [
    `${siteName}: ${intro}`,
    "",
    posts.map(postText).join("\n\n----------\n\n") + correctionsText(corrections),
    "",
    "----------",
    `You are receiving this because you subscribed to ${siteName} by email.`,
    `Choose what you receive or pause: ${PREFERENCES}`,
    `Unsubscribe: ${UNSUBSCRIBE}`,
  ].join("\n");
  return { siteName, subject: digestSubject(posts, siteName), html, text };
}

/** Caches one body per combination of post ids: a run renders a handful of bodies, not one per subscriber. */
export function createDigestBodyCache(siteName: string) {
  const bodies = new Map<string, DigestBody>();
  return (posts: DigestPost[], corrections: DigestCorrection[] = []): DigestBody => {
    const key = `${posts.map((post) => post.id).join(",")}|${corrections.map((entry) => entry.id).join(",")}`;
    let body = bodies.get(key);
    if (!body) {
      body = buildDigestBody(posts, siteName, corrections);
      bodies.set(key, body);
    }
    return body;
  };
}

/**
 * The Message-ID of one subscriber's digest from one run, the same at every attempt: a copy sent
 * again (an editor's resend after a crash) is recognisably the same message, and mail programs that
 * fold duplicates show it once. The subscriber's id enters only through a hash.
 */
export function digestMessageId(runId: string, subscriberId: string): string {
  const subscriberPart = createHash("sha256").update(`${runId}:${subscriberId}`).digest("base64url").slice(0, 16);
  return newMessageId(`digest.${runId}.${subscriberPart}`);
}

/** The finished message for one subscriber: their signed links, bulk headers, our own Message-ID. */
export function personalizeDigest(body: DigestBody, subscriber: { id: string; email: string }, messageId: string): OutgoingMail {
  const preferences = preferencesUrl(subscriber.id);
  const unsubscribePage = unsubscribePageUrl(subscriber.id);
  const fill = (template: string) => template.split(PREFERENCES).join(preferences).split(UNSUBSCRIBE).join(unsubscribePage);
  return {
    to: subscriber.email,
    subject: body.subject,
    html: fill(body.html),
    text: fill(body.text),
    messageId,
    headers: bulkMailHeaders({ siteName: body.siteName, oneClickUrl: oneClickUnsubscribeUrl(subscriber.id), unsubscribeToken: unsubscribeToken(subscriber.id) }),
  };
}
