"use server";
// The moderation queue's forms: each runs its command through the pipeline (src/lib/action.ts) and
// returns to the queue with a notice saying what happened or why not.
import { redirect } from "next/navigation";
import { formValues, runAction, runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { editComment, eraseCommenter, moderateComments, replyAsEditor, saveCommentSettingsForm } from "./commands";
import { queueHref, queueTabSchema } from "./queue-tabs";

async function backToQueue(form: FormData, result: { ok: true; message: string } | { ok: false; error: string }): Promise<never> {
  const tab = queueTabSchema.parse(form.get("tab"));
  redirect(queueHref(tab, { notice: result.ok ? result.message : result.error }));
}

/**
 * The queue's one form: a row button sends `row=<action>:<id>`; the bulk buttons send `bulk=<action>`
 * with the ticked `ids`.
 */
export async function moderateCommentsAction(form: FormData): Promise<void> {
  const row = form.get("row");
  const [action, rowId] = typeof row === "string" ? row.split(":") : [form.get("bulk"), ""];
  const ids = rowId ? [rowId] : form.getAll("ids").filter((id) => typeof id === "string");
  await backToQueue(form, await runAction(moderateComments, { ids, action }));
}

export async function editCommentAction(form: FormData): Promise<void> {
  await backToQueue(form, await runAction(editComment, formValues(form)));
}

export async function replyAsEditorAction(form: FormData): Promise<void> {
  await backToQueue(form, await runAction(replyAsEditor, formValues(form)));
}

export async function eraseCommenterAction(form: FormData): Promise<void> {
  if (form.get("confirm") !== "on") {
    await backToQueue(form, { ok: false, error: "Tick the box to confirm the erasure: it cannot be undone." });
  }
  await backToQueue(form, await runAction(eraseCommenter, { email: form.get("email") }));
}

/** The comment rules form: lists one entry per line, thresholds as numbers. Keeps the values on error. */
export async function saveCommentSettingsAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(saveCommentSettingsForm, form, formValues, { keepValues: true });
}
