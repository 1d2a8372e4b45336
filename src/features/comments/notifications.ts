// Emails about comments: to a post's authors when a comment is approved, to a commenter when someone
// replies (if they asked), and the editors' hourly summary of held comments. Queued in the transaction
// of the change they follow (src/lib/mail/queue.ts).
import "server-only";
import { queueMail } from "@/lib/mail/queue";
import type { OutgoingMail } from "@/lib/mail/send";
import { listEmailsWithPermission } from "@/lib/auth";
import { getSiteSettings } from "@/features/site/data";
import { findSettingTime, listApprovedCommentsForNotification, listNewlyHeldComments } from "./data";
import { approvedCommentEmail, pendingSummaryEmail, replyNotificationEmail } from "./emails";
import { recordPendingSummarySent } from "./mutations";

async function sendEach(messages: OutgoingMail[]): Promise<void> {
  for (const message of messages) await queueMail(message);
}

/** Emails the post's authors about each newly approved comment, and the parent commenter if they asked. */
export async function notifyAboutApprovedComments(ids: string[]): Promise<void> {
  const messages: OutgoingMail[] = [];
  const siteName = (await getSiteSettings()).name;
  for (const comment of await listApprovedCommentsForNotification(ids)) {
    const commenter = comment.authorEmail.toLowerCase();
    for (const { profile } of comment.post.authors) {
      const user = profile.user;
      if (!user || user.id === comment.userId || user.email.toLowerCase() === commenter) continue;
      messages.push(approvedCommentEmail(siteName, user.email, comment.post, comment));
    }
    const parent = comment.parent;
    if (parent && parent.notifyReplies && parent.status === "APPROVED" && parent.authorEmail.toLowerCase() !== commenter) {
      messages.push(replyNotificationEmail(siteName, parent.authorEmail, comment.post, parent.id, comment));
    }
  }
  await sendEach(messages);
}

const PENDING_SUMMARY_KEY = "comments.pendingSummarySentAt";
const PENDING_SUMMARY_INTERVAL_MS = 60 * 60 * 1000;

/**
 * At most once an hour: emails every editor a summary of the comments held since the last summary.
 * Returns how many comments it summarised (0 when nothing was sent).
 */
export async function sendPendingCommentsSummary(now = new Date()): Promise<number> {
  const lastSentAt = await findSettingTime(PENDING_SUMMARY_KEY);
  if (lastSentAt && now.getTime() - lastSentAt.getTime() < PENDING_SUMMARY_INTERVAL_MS) return 0;
  const { fresh, totalPending } = await listNewlyHeldComments(lastSentAt ?? new Date(0), now);
  if (fresh.length === 0) return 0;
  const editors = await listEmailsWithPermission("comments.moderate");
  await recordPendingSummarySent(PENDING_SUMMARY_KEY, now);
  const items = fresh.map((comment) => ({ ...comment, postTitle: comment.post.title }));
  const siteName = (await getSiteSettings()).name;
  await sendEach(editors.map((email) => pendingSummaryEmail(siteName, email, items, totalPending)));
  return fresh.length;
}
