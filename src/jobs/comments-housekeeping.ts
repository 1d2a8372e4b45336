import type { JobDefinition } from "./job";
import { inTransaction } from "@/lib/db";
import { emptyOldSpamAndTrash } from "@/features/comments/mutations";
import { sendPendingCommentsSummary } from "@/features/comments/notifications";

/** Deletes spam and trash 30 days after it was moved there. */
export const emptyCommentTrashJob: JobDefinition = {
  name: "comments-empty-trash",
  cron: () => "17 3 * * *",
  handler: async () => {
    await emptyOldSpamAndTrash(new Date());
  },
};

/** Emails editors a summary of newly held comments, at most once an hour. */
export const pendingCommentsSummaryJob: JobDefinition = {
  name: "comments-pending-summary",
  cron: () => "5 * * * *",
  handler: async () => {
    await inTransaction(() => sendPendingCommentsSummary(new Date()));
  },
};

export const commentJobs: JobDefinition[] = [emptyCommentTrashJob, pendingCommentsSummaryJob];
