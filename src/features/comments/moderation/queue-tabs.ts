// The moderation queue's tabs: one per comment status.
import { z } from "zod";
import type { CommentStatus } from "@/generated/prisma/enums";

export const QUEUE_TABS = [
  { tab: "pending", status: "PENDING", label: "Pending" },
  { tab: "approved", status: "APPROVED", label: "Approved" },
  { tab: "spam", status: "SPAM", label: "Spam" },
  { tab: "trash", status: "TRASH", label: "Trash" },
] as const satisfies readonly { tab: string; status: CommentStatus; label: string }[];

export type QueueTab = (typeof QUEUE_TABS)[number]["tab"];

/** A tab named in a query string or form; anything else is the pending tab. */
export const queueTabSchema = z.enum(QUEUE_TABS.map((entry) => entry.tab) as [QueueTab, ...QueueTab[]]).catch("pending");

export function queueHref(tab: QueueTab, extra: Record<string, string> = {}): string {
  return `/admin/comments?${new URLSearchParams({ status: tab, ...extra })}`;
}
