"use server";

import { runAction } from "@/lib/action";
import { commentAccepted, commentFormInput, commentFormValues, commentRefused } from "./comment-form";
import { stopReplyEmails, submitReaderComment } from "./commands";
import type { CommentFormState } from "./form-state";

/** The reader's comment form without JavaScript (a plain form POST); with it, the form posts to /api/comments. */
export async function submitCommentAction(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  const values = commentFormValues(formData);
  const result = await runAction(submitReaderComment, await commentFormInput(formData));
  return result.ok ? commentAccepted(result.data, values) : commentRefused(result, values);
}

/** The reply-email unsubscribe page's button. */
export async function stopReplyEmailsAction(form: FormData): Promise<void> {
  await runAction(stopReplyEmails, { token: String(form.get("token") ?? "") });
}
