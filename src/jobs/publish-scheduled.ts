import type { JobDefinition } from "./job";
import { publishDueScheduledPosts } from "@/features/posts/scheduled-publishing";

/** Publishes scheduled posts whose time has come, including any missed while Docket was stopped. */
export const publishScheduledJob: JobDefinition = {
  name: "publish-scheduled",
  cron: () => "* * * * *",
  handler: async () => {
    await publishDueScheduledPosts(new Date());
  },
};
