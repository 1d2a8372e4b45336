"use server";
// Server actions for writing and reviewing posts. Each looks up the session and hands it to the
// matching command in src/features/editorial/commands.ts, which does every check on the server.
import { redirect } from "next/navigation";
import { refresh, updateTag } from "next/cache";
import { getCurrentUser } from "@/lib/auth";
import { toActionFailure, type ActionFailure } from "@/features/editorial/command-errors";
import {
  addNoteFor,
  createPostFor,
  previewMarkdownFor,
  publishPostFor,
  reorderSeriesFor,
  requestChangesFor,
  restoreRevisionFor,
  savePostFor,
  schedulePostFor,
  submitPostFor,
  unpublishPostFor,
  type CommandResult,
} from "@/features/editorial/commands";

export type ActionSuccess = { ok: true; message: string };
export type ActionResult = ActionSuccess | ActionFailure;
export type SaveResult = (ActionSuccess & { slug: string; savedAt: string }) | ActionFailure;

function invalidate(tagsToInvalidate: string[]) {
  for (const tag of new Set(tagsToInvalidate)) updateTag(tag);
}

async function runCommand(command: () => Promise<CommandResult>): Promise<ActionResult> {
  try {
    const result = await command();
    invalidate(result.tagsToInvalidate);
    refresh();
    return { ok: true, message: result.message };
  } catch (error) {
    return toActionFailure(error);
  }
}

export type NewPostState = { error?: string; title?: string };

export async function createPostAction(_previous: NewPostState, form: FormData): Promise<NewPostState> {
  const title = String(form.get("title") ?? "");
  let postId: string;
  try {
    ({ postId } = await createPostFor(await getCurrentUser(), { title }));
  } catch (error) {
    return { error: toActionFailure(error).error, title };
  }
  redirect(`/admin/posts/${postId}`);
}

/** Saves the editor's fields (also used by autosave). Nothing is lost on failure: the editor keeps its state. */
export async function savePostAction(input: Record<string, unknown>): Promise<SaveResult> {
  try {
    const result = await savePostFor(await getCurrentUser(), input);
    invalidate(result.tagsToInvalidate);
    return { ok: true, message: result.message, slug: result.slug, savedAt: new Date().toISOString() };
  } catch (error) {
    return toActionFailure(error);
  }
}

export async function previewMarkdownAction(markdown: string): Promise<{ ok: true; html: string; readingMinutes: number } | ActionFailure> {
  try {
    return { ok: true, ...(await previewMarkdownFor(await getCurrentUser(), { markdown })) };
  } catch (error) {
    return toActionFailure(error);
  }
}

export async function submitPostAction(postId: string): Promise<ActionResult> {
  return runCommand(async () => submitPostFor(await getCurrentUser(), { postId }));
}

export async function publishPostAction(postId: string): Promise<ActionResult> {
  return runCommand(async () => publishPostFor(await getCurrentUser(), { postId }));
}

export async function schedulePostAction(postId: string, localDateTime: string): Promise<ActionResult> {
  return runCommand(async () => schedulePostFor(await getCurrentUser(), { postId, localDateTime }));
}

export async function requestChangesAction(postId: string, body: string): Promise<ActionResult> {
  return runCommand(async () => requestChangesFor(await getCurrentUser(), { postId, body }));
}

export async function addNoteAction(postId: string, body: string): Promise<ActionResult> {
  return runCommand(async () => addNoteFor(await getCurrentUser(), { postId, body }));
}

export async function unpublishPostAction(postId: string): Promise<ActionResult> {
  return runCommand(async () => unpublishPostFor(await getCurrentUser(), { postId }));
}

export async function restoreRevisionAction(postId: string, revisionId: string): Promise<ActionResult> {
  return runCommand(async () => restoreRevisionFor(await getCurrentUser(), { postId, revisionId }));
}

export async function reorderSeriesAction(seriesId: string, postIds: string[]): Promise<ActionResult> {
  return runCommand(async () => reorderSeriesFor(await getCurrentUser(), { seriesId, postIds }));
}
