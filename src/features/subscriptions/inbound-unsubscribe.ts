// Unsubscribing by email: the mailto: in List-Unsubscribe carries the same signed token as the
// one-click URL. Mail sent there reaches the unsubscribeByMail command once the mailbox pipes it to
// POST /api/unsubscribe/mail.
import { simpleParser } from "mailparser";
import { unsubscribeTokenInSubject } from "@/lib/mail/send";

/** The signed token in one raw (RFC 5322) message's subject, or null. */
export async function unsubscribeTokenFromMail(raw: Buffer): Promise<string | null> {
  const mail = await simpleParser(raw);
  return unsubscribeTokenInSubject(mail.subject);
}
