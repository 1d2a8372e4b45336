import type { JobDefinition } from "./job";
import { deliverQueuedMail, MAIL_QUEUE } from "@/lib/mail/queue";

/** Sends the emails commands queued (src/lib/mail/queue.ts); pg-boss retries those the server did not take. */
export const mailJob: JobDefinition = {
  name: MAIL_QUEUE.name,
  queue: MAIL_QUEUE.options,
  concurrency: 4,
  handler: async (data) => {
    await deliverQueuedMail(data);
  },
};
