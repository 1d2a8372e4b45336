import type { JobDefinition } from "./job";
import { inTransaction } from "@/lib/db";
import { sendComplaintReminders } from "@/features/complaints/notifications";

/** Reminds the editors of complaints whose acknowledgement or resolution deadline is near, each once. */
export const complaintRemindersJob: JobDefinition = {
  name: "complaints-reminders",
  cron: () => "40 * * * *",
  handler: async () => {
    await inTransaction(() => sendComplaintReminders(new Date()));
  },
};
