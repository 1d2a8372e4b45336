"use server";
// Server actions for writing and reviewing posts: each hands the session and input to its command
// (commands.ts) through the one pipeline (src/lib/action.ts).
import { runAction, runFormAction } from "@/lib/action";
import type { ActionResult, FormState } from "@/lib/action-result";
import {
  addNote,
  createPost,
  discardPostChanges,
  previewMarkdown,
  publishPost,
  requestChanges,
  restorePostRevision,
  savePost,
  schedulePost,
  schedulePostUpdate,
  submitPost,
  submitPostChanges,
  unpublishPost,
  updatePost,
} from "./commands";

export async function createPostAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(createPost, form);
}

/**
 * Saves the editor's fields (also used by autosave), with the revision the editor started from.
 * Nothing is lost on failure: the editor keeps its state, and a conflict carries the other version.
 */
export async function savePostAction(input: Record<string, unknown>): Promise<ActionResult<{ slug: string; savedAt: string; revisionId: string; pending: boolean }>> {
  return runAction(savePost, input);
}

export async function updatePostAction(postId: string, revisionId: string): Promise<ActionResult<{ revisionId: string }>> {
  return runAction(updatePost, { postId, revisionId }, { refreshPage: true });
}

export async function discardPostChangesAction(postId: string): Promise<ActionResult<{ revisionId: string }>> {
  return runAction(discardPostChanges, { postId }, { refreshPage: true });
}

export async function submitPostChangesAction(postId: string): Promise<ActionResult> {
  return runAction(submitPostChanges, { postId }, { refreshPage: true });
}

export async function schedulePostUpdateAction(postId: string, localDateTime: string): Promise<ActionResult> {
  return runAction(schedulePostUpdate, { postId, localDateTime }, { refreshPage: true });
}

export async function previewMarkdownAction(markdown: string): Promise<ActionResult<{ html: string; readingMinutes: number }>> {
  return runAction(previewMarkdown, { markdown });
}

export async function submitPostAction(postId: string, aboutCase = false): Promise<ActionResult> {
  return runAction(submitPost, { postId, aboutCase }, { refreshPage: true });
}

/** `confirmOpenReplies`: the editor confirmed publishing while a right-of-reply request is unanswered. */
export async function publishPostAction(postId: string, confirmOpenReplies = false): Promise<ActionResult> {
  return runAction(publishPost, { postId, confirmOpenReplies }, { refreshPage: true });
}

export async function schedulePostAction(postId: string, localDateTime: string, confirmOpenReplies = false): Promise<ActionResult> {
  return runAction(schedulePost, { postId, localDateTime, confirmOpenReplies }, { refreshPage: true });
}

export async function requestChangesAction(postId: string, body: string): Promise<ActionResult> {
  return runAction(requestChanges, { postId, body }, { refreshPage: true });
}

export async function addNoteAction(postId: string, body: string): Promise<ActionResult> {
  return runAction(addNote, { postId, body }, { refreshPage: true });
}

export async function unpublishPostAction(postId: string): Promise<ActionResult> {
  return runAction(unpublishPost, { postId }, { refreshPage: true });
}

export async function restoreRevisionAction(postId: string, revisionId: string): Promise<ActionResult> {
  return runAction(restorePostRevision, { postId, revisionId }, { refreshPage: true });
}
