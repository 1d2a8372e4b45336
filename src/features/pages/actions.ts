"use server";
// Server actions for static pages: each hands the session and input to its command (commands.ts)
// through the one pipeline (src/lib/action.ts).
import { runAction, runFormAction } from "@/lib/action";
import type { ActionResult, FormState } from "@/lib/action-result";
import { createPage, deletePage, discardPageChanges, publishPage, removeDownload, restorePageRevision, savePage, unpublishPage, updatePage } from "./commands";

export async function createPageAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(createPage, form);
}

/** Saves the editor's fields with the revision it started from. Nothing is lost on failure: the editor keeps its state. */
export async function savePageAction(input: Record<string, unknown>): Promise<ActionResult<{ slug: string; savedAt: string; revisionId: string; pending: boolean }>> {
  return runAction(savePage, input);
}

export async function updatePageAction(pageId: string, revisionId: string): Promise<ActionResult<{ revisionId: string }>> {
  return runAction(updatePage, { pageId, revisionId }, { refreshPage: true });
}

export async function discardPageChangesAction(pageId: string): Promise<ActionResult<{ revisionId: string }>> {
  return runAction(discardPageChanges, { pageId }, { refreshPage: true });
}

export async function publishPageAction(pageId: string): Promise<ActionResult> {
  return runAction(publishPage, { pageId }, { refreshPage: true });
}

export async function unpublishPageAction(pageId: string): Promise<ActionResult> {
  return runAction(unpublishPage, { pageId }, { refreshPage: true });
}

export async function deletePageAction(pageId: string): Promise<ActionResult> {
  return runAction(deletePage, { pageId });
}

export async function restorePageRevisionAction(pageId: string, revisionId: string): Promise<ActionResult> {
  return runAction(restorePageRevision, { pageId, revisionId }, { refreshPage: true });
}

export async function removeDownloadAction(downloadId: string): Promise<ActionResult> {
  return runAction(removeDownload, { downloadId });
}
