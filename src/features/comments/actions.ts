"use server";

import { updateTag } from "next/cache";
import { runAction } from "@/lib/action";
import { handleCommentForm } from "./comment-form";
import { stopReplyEmails } from "./commands";
import type { CommentFormState } from "./form-state";

/** The reader's comment form without JavaScript (a plain form POST); with it, the form posts to /api/comments. */
export async function submitCommentAction(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  const { state, tagsToInvalidate } = await handleCommentForm(formData);
  for (const tag of tagsToInvalidate) updateTag(tag);
  return state;
}

/** The reply-email unsubscribe page's button. */
export async function stopReplyEmailsAction(form: FormData): Promise<void> {
  await runAction(stopReplyEmails, { token: String(form.get("token") ?? "") });
}
