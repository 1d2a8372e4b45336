// Transactional email goes through the job queue: `queueMail` writes a pg-boss job in the same
// transaction as the change it follows (src/lib/db.ts), so a rolled-back change sends nothing and a
// committed one is never without its email; the worker (src/jobs/mail.ts) sends it, retrying while the
// mail server is away. No request waits on SMTP.
import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { enqueue, type QueueSpec } from "@/lib/job-queue";
import { newMessageId, sendMail, type OutgoingMail } from "./send";

/**
 * Retries after MAIL_RETRY_DELAY_SECONDS (30 s), doubling up to half an hour, 40 times: a message
 * waits out a mail server that is down for about a day. Sent messages are deleted after a day (they
 * hold sign-in links); unsent ones are kept for two weeks.
 */
export const MAIL_QUEUE: QueueSpec = {
  name: "mail",
  options: () => {
    const retryDelay = env().MAIL_RETRY_DELAY_SECONDS;
    return {
      retryLimit: 40,
      retryDelay,
      retryBackoff: true,
      retryDelayMax: Math.max(retryDelay, 30 * 60),
      expireInSeconds: 5 * 60,
      deleteAfterSeconds: 24 * 3600,
      retentionSeconds: 14 * 24 * 3600,
    };
  },
};

/** Queues one message, in the transaction that is open (if any). Its Message-ID is fixed now, so a retry sends the same message. */
export async function queueMail(message: OutgoingMail): Promise<void> {
  await enqueue(MAIL_QUEUE, { ...message, messageId: message.messageId ?? newMessageId() });
}

const queuedMailSchema = z.object({
  to: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  headers: z.record(z.string(), z.string()).optional(),
  messageId: z.string(),
});

type SmtpFailure = { responseCode?: number };

/**
 * The worker's half: sends one queued message. A refusal for good (5xx) is logged and not retried;
 * anything else (no connection, 4xx) throws, and pg-boss tries again later.
 */
export async function deliverQueuedMail(data: unknown): Promise<"sent" | "refused"> {
  const message = queuedMailSchema.parse(data);
  try {
    await sendMail(message);
    return "sent";
  } catch (error) {
    const code = (error as SmtpFailure).responseCode;
    if (typeof code === "number" && code >= 500 && code !== 503) {
      console.error(`[mail] the mail server refused “${message.subject}” for good: ${(error as Error).message}`);
      return "refused";
    }
    throw error;
  }
}
