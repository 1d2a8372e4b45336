"use server";

import { updateTag } from "next/cache";
import { handleCommentForm } from "./comment-form";
import type { CommentFormState } from "./form-state";

/** The reader's comment form without JavaScript (a plain form POST); with it, the form posts to /api/comments. */
export async function submitCommentAction(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  const { state, tagsToInvalidate } = await handleCommentForm(formData);
  for (const tag of tagsToInvalidate) updateTag(tag);
  return state;
}
