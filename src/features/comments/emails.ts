// Emails about comments: to a post's authors when a comment is approved, to a commenter when someone
// replies (opt-in, one-click unsubscribe), and the editors' hourly summary of held comments.
import { siteUrl } from "@/lib/env";
import { bulkMailHeaders, type OutgoingMail } from "@/lib/mail/send";
import { createSignedToken } from "@/lib/signed-links";
import { paths } from "@/lib/seo";
import { escapeHtml, isolated, renderEmailDocument } from "@/lib/mail/layout";

const UNSUBSCRIBE_SUBJECT_PREFIX = "commentreplies-";

function replyUnsubscribeToken(commentId: string): string {
  return createSignedToken("unsubscribe", `${UNSUBSCRIBE_SUBJECT_PREFIX}${commentId}`);
}

/**
 * One URL for both: mail providers POST to it (RFC 8058 one-click, no session), and a reader who opens
 * it is sent on to the page with one button (/comments/unsubscribe), so a mail scanner's visit changes nothing.
 */
export function replyUnsubscribeUrl(commentId: string): string {
  return `${siteUrl()}/api/comments/unsubscribe?token=${replyUnsubscribeToken(commentId)}`;
}

/** The comment id a reply-unsubscribe token names, or null when the subject is something else. */
export function commentIdFromUnsubscribeSubject(subject: string): string | null {
  return subject.startsWith(UNSUBSCRIBE_SUBJECT_PREFIX) ? subject.slice(UNSUBSCRIBE_SUBJECT_PREFIX.length) : null;
}

function commentUrl(postSlug: string, commentId: string): string {
  return `${siteUrl()}${paths.post(postSlug)}#comment-${commentId}`;
}

function quoteText(text: string, limit = 600): string {
  const clipped = text.length > limit ? `${text.slice(0, limit)}…` : text;
  return clipped.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, "");
}

function quoteHtml(text: string): string {
  return `<blockquote style="margin:0 0 16px;padding:8px 14px;border-left:3px solid #e2ded6;white-space:pre-wrap">${escapeHtml(quoteText(text))}</blockquote>`;
}

type CommentSummary = { id: string; authorName: string; body: string };
type PostSummary = { slug: string; title: string };

export function approvedCommentEmail(siteName: string, to: string, post: PostSummary, comment: CommentSummary): OutgoingMail {
  const link = commentUrl(post.slug, comment.id);
  const title = isolated(post.title);
  const subject = `New comment on “${title}”`;
  const name = isolated(quoteText(comment.authorName, 80));
  return {
    to,
    subject,
    text: [`${name} commented on your post “${title}”:`, "", quoteText(comment.body), "", `Read and reply: ${link}`].join("\n"),
    html: renderEmailDocument({
      siteName,
      title: subject,
      preheader: `${name} commented on your post.`,
      bodyHtml: `
<p style="margin:0 0 16px">${escapeHtml(name)} commented on your post “${escapeHtml(title)}”:</p>
${quoteHtml(comment.body)}
<p style="margin:0"><a href="${escapeHtml(link)}" style="color:#8a1c1c">Read and reply</a></p>`,
    }),
  };
}

export function replyNotificationEmail(siteName: string, to: string, post: PostSummary, parentId: string, reply: CommentSummary): OutgoingMail {
  const link = commentUrl(post.slug, reply.id);
  const unsubscribe = replyUnsubscribeUrl(parentId);
  const title = isolated(post.title);
  const subject = `New reply to your comment on “${title}”`;
  const name = isolated(quoteText(reply.authorName, 80));
  return {
    to,
    subject,
    headers: bulkMailHeaders({ siteName, oneClickUrl: unsubscribe, unsubscribeToken: replyUnsubscribeToken(parentId), listId: "comment-replies" }),
    text: [
      `${name} replied to your comment on “${title}”:`,
      "",
      quoteText(reply.body),
      "",
      `Read the conversation: ${link}`,
      "",
      `You asked to be told about replies. Stop these emails: ${unsubscribe}`,
    ].join("\n"),
    html: renderEmailDocument({
      siteName,
      title: subject,
      preheader: `${name} replied to your comment.`,
      bodyHtml: `
<p style="margin:0 0 16px">${escapeHtml(name)} replied to your comment on “${escapeHtml(title)}”:</p>
${quoteHtml(reply.body)}
<p style="margin:0"><a href="${escapeHtml(link)}" style="color:#8a1c1c">Read the conversation</a></p>`,
      footerHtml: `You asked to be told about replies to your comment. <a href="${escapeHtml(unsubscribe)}" style="color:#555555">Stop these emails</a>.`,
    }),
  };
}

export type PendingSummaryItem = { id: string; authorName: string; body: string; heldReason: string | null; postTitle: string };

export function pendingSummaryEmail(siteName: string, to: string, items: PendingSummaryItem[], totalPending: number): OutgoingMail {
  const queue = `${siteUrl()}/admin/comments`;
  const subject = `${items.length} new comment${items.length === 1 ? "" : "s"} awaiting moderation on ${siteName}`;
  const lines = items.map(
    (item) => `- ${quoteText(item.authorName, 80)} on “${item.postTitle}”${item.heldReason ? ` (${item.heldReason})` : ""}: ${quoteText(item.body, 140)}`,
  );
  const htmlItems = items
    .map(
      (item) =>
        `<li style="margin:0 0 12px"><strong>${escapeHtml(quoteText(item.authorName, 80))}</strong> on “${escapeHtml(item.postTitle)}”${
          item.heldReason ? ` <em style="color:#555555">(${escapeHtml(item.heldReason)})</em>` : ""
        }<br>${escapeHtml(quoteText(item.body, 140))}</li>`,
    )
    .join("");
  return {
    to,
    subject,
    text: [`New comments awaiting moderation (${totalPending} pending in all):`, "", ...lines, "", `Moderate: ${queue}`].join("\n"),
    html: renderEmailDocument({
      siteName,
      title: subject,
      preheader: `${totalPending} pending in all.`,
      bodyHtml: `
<p style="margin:0 0 16px">New comments awaiting moderation (${totalPending} pending in all):</p>
<ul style="margin:0 0 16px;padding-left:20px">${htmlItems}</ul>
<p style="margin:0"><a href="${escapeHtml(queue)}" style="color:#8a1c1c">Open the moderation queue</a></p>`,
    }),
  };
}
