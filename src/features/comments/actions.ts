"use server";

import { redirect } from "next/navigation";
import { updateTag } from "next/cache";
import { z } from "zod";
import { AuthorizationError, authorizeAction, EDITOR_ROLES } from "@/lib/auth";
import { formText, handleCommentForm } from "./comment-form";
import { commentSettingsTag } from "./data";
import { CommentGoneError, editComment, eraseCommenter, moderateComments, replyAsEditor, saveCommentSettings } from "./mutations";
import {
  commentIdsSchema,
  editCommentSchema,
  editorReplySchema,
  eraseCommenterSchema,
  moderationActionSchema,
  settingsFormSchema,
  type SettingsFormState,
} from "./schema";
import type { CommentFormState } from "./form-state";

/** The reader's comment form without JavaScript (a plain form POST); with it, the form posts to /api/comments. */
export async function submitCommentAction(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  const { state, tagsToInvalidate } = await handleCommentForm(formData);
  for (const tag of tagsToInvalidate) updateTag(tag);
  return state;
}

// ---------- moderation: EDITOR and ADMIN only, checked here and again in each mutation ----------

const QUEUE_PATH = "/admin/comments";

function queueUrl(status: string, notice: string): string {
  return `${QUEUE_PATH}?${new URLSearchParams({ status, notice })}`;
}

const queueStatusSchema = z.enum(["pending", "approved", "spam", "trash"]).catch("pending");

function isRedirect(error: unknown): boolean {
  return typeof error === "object" && error !== null && "digest" in error && String((error as { digest: unknown }).digest).startsWith("NEXT_REDIRECT");
}

async function runModeration(tab: string, work: () => Promise<string>): Promise<never> {
  let notice: string;
  try {
    notice = await work();
  } catch (error) {
    if (isRedirect(error)) throw error;
    if (error instanceof AuthorizationError) notice = error.message;
    else if (error instanceof z.ZodError) notice = error.issues[0]?.message ?? "That request was not valid.";
    else if (error instanceof CommentGoneError) notice = error.message;
    else throw error;
  }
  redirect(queueUrl(tab, notice));
}

const ACTION_NOTICES: Record<z.infer<typeof moderationActionSchema>, string> = {
  approve: "approved",
  unapprove: "moved back to pending",
  spam: "marked as spam",
  trash: "moved to the trash",
  restore: "restored to pending",
};

/**
 * The queue's one form: a row button sends `row=<action>:<id>`; the bulk buttons send `bulk=<action>`
 * with the ticked `ids`.
 */
export async function moderateCommentsAction(formData: FormData): Promise<void> {
  const tab = queueStatusSchema.parse(formText(formData, "tab"));
  await runModeration(tab, async () => {
    const actor = await authorizeAction(...EDITOR_ROLES);
    const row = formText(formData, "row");
    const [actionName, rowId] = row ? row.split(":") : [formText(formData, "bulk"), ""];
    const action = moderationActionSchema.parse(actionName);
    const ids = commentIdsSchema.parse(rowId ? [rowId] : formData.getAll("ids").filter((id) => typeof id === "string"));
    const result = await moderateComments(actor, ids, action);
    for (const tag of result.tagsToInvalidate) updateTag(tag);
    return `${result.changed} comment${result.changed === 1 ? "" : "s"} ${ACTION_NOTICES[action]}.`;
  });
}

export async function editCommentAction(formData: FormData): Promise<void> {
  const tab = queueStatusSchema.parse(formText(formData, "tab"));
  await runModeration(tab, async () => {
    const actor = await authorizeAction(...EDITOR_ROLES);
    const input = editCommentSchema.parse({
      commentId: formText(formData, "commentId"),
      authorName: formText(formData, "authorName"),
      authorUrl: formText(formData, "authorUrl"),
      body: formText(formData, "body"),
    });
    const result = await editComment(actor, input);
    for (const tag of result.tagsToInvalidate) updateTag(tag);
    return "Comment saved.";
  });
}

export async function replyAsEditorAction(formData: FormData): Promise<void> {
  const tab = queueStatusSchema.parse(formText(formData, "tab"));
  await runModeration(tab, async () => {
    const actor = await authorizeAction(...EDITOR_ROLES);
    const input = editorReplySchema.parse({ parentId: formText(formData, "parentId"), body: formText(formData, "body") });
    const result = await replyAsEditor(actor, input);
    for (const tag of result.tagsToInvalidate) updateTag(tag);
    return "Reply published.";
  });
}

export async function eraseCommenterAction(formData: FormData): Promise<void> {
  const tab = queueStatusSchema.parse(formText(formData, "tab"));
  await runModeration(tab, async () => {
    const actor = await authorizeAction(...EDITOR_ROLES);
    const { email } = eraseCommenterSchema.parse({ email: formText(formData, "email") });
    if (formText(formData, "confirm") !== "on") return "Tick the box to confirm the erasure: it cannot be undone.";
    const result = await eraseCommenter(actor, email);
    for (const tag of result.tagsToInvalidate) updateTag(tag);
    return `Erased ${result.changed} comment${result.changed === 1 ? "" : "s"} written with that address.`;
  });
}

/** The comment rules form: lists one entry per line, thresholds as numbers. Keeps the values on error. */
export async function saveCommentSettingsAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = Object.fromEntries(
    ["disallowedList", "moderationList", "maxLinks", "maxDepth", "closeAfterDays", "floodSeconds", "commentsPerHourPerIp"].map((name) => [name, formText(formData, name)]),
  ) as SettingsFormState["values"];
  try {
    const actor = await authorizeAction(...EDITOR_ROLES);
    const parsed = settingsFormSchema.safeParse(values);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
      return { status: "error", message: "Please correct the fields marked below.", fieldErrors, values };
    }
    await saveCommentSettings(actor, parsed.data);
    updateTag(commentSettingsTag);
    return { status: "saved", message: "Comment settings saved.", fieldErrors: {}, values };
  } catch (error) {
    if (error instanceof AuthorizationError) return { status: "error", message: error.message, fieldErrors: {}, values };
    throw error;
  }
}
