import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { getCommentSettings } from "@/features/comments/data";
import { CommentSettingsForm } from "@/features/comments/moderation/components/CommentSettingsForm";

export const metadata: Metadata = { title: "Comment settings" };

export default async function CommentSettingsPage() {
  await requireUser("comments.moderate");
  const settings = await getCommentSettings();
  return (
    <>
      <p>
        <Link href="/admin/comments">← Comments</Link>
      </p>
      <h1>Comment settings</h1>
      <CommentSettingsForm
        initial={{
          disallowedList: settings.disallowedList.join("\n"),
          moderationList: settings.moderationList.join("\n"),
          maxLinks: String(settings.maxLinks),
          maxDepth: String(settings.maxDepth),
          closeAfterDays: settings.closeAfterDays === null ? "" : String(settings.closeAfterDays),
          floodSeconds: String(settings.floodSeconds),
          commentsPerHourPerIp: String(settings.commentsPerHourPerIp),
        }}
      />
    </>
  );
}
