// Unsubscribing by email: the mailto: in List-Unsubscribe carries the same signed token as the
// one-click URL. Mail sent there reaches this once the mailbox pipes it to POST /api/unsubscribe/mail.
import { simpleParser } from "mailparser";
import { unsubscribeTokenInSubject } from "@/lib/mail/send";
import { verifySignedToken } from "@/lib/signed-links";
import { commentIdFromUnsubscribeSubject } from "@/features/comments/emails";
import { stopReplyNotifications } from "@/features/comments/mutations";
import { unsubscribeSubscriber } from "./mutations";

export type InboundUnsubscribeOutcome = "unsubscribed" | "replies-stopped" | "no-token" | "invalid-token";

/** Acts on one raw (RFC 5322) message sent to the List-Unsubscribe mailto: address. */
export async function handleUnsubscribeMail(raw: Buffer): Promise<InboundUnsubscribeOutcome> {
  const mail = await simpleParser(raw);
  const token = unsubscribeTokenInSubject(mail.subject);
  if (!token) return "no-token";
  const check = verifySignedToken(token, "unsubscribe");
  if (!check.ok) return "invalid-token";
  const commentId = commentIdFromUnsubscribeSubject(check.subject);
  if (commentId) {
    await stopReplyNotifications(commentId);
    return "replies-stopped";
  }
  await unsubscribeSubscriber(check.subject);
  return "unsubscribed";
}
