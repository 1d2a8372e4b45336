"use server";

import { cookies } from "next/headers";
import { clientIp } from "@/lib/client-ip";
import { redirect } from "next/navigation";
import { updateTag } from "next/cache";
import { z } from "zod";
import { AuthorizationError, authorizeAction, EDITOR_ROLES, getCurrentUser } from "@/lib/auth";
import { commentSettingsTag, filterStillPending } from "./data";
import { editComment, eraseCommenter, moderateComments, replyAsEditor, saveCommentSettings, submitComment } from "./mutations";
import {
  commentFormSchema,
  commentIdsSchema,
  editCommentSchema,
  editorReplySchema,
  eraseCommenterSchema,
  moderationActionSchema,
  SUBMIT_MESSAGES,
  settingsFormSchema,
  type CommentFormState,
  type SettingsFormState,
} from "./schema";
import { decodePendingCookie, encodePendingCookie, hashIp, PENDING_COOKIE } from "./signing";

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

async function rememberPendingComment(commentId: string): Promise<void> {
  const jar = await cookies();
  const remembered = await filterStillPending(decodePendingCookie(jar.get(PENDING_COOKIE)?.value));
  jar.set(PENDING_COOKIE, encodePendingCookie([...remembered, commentId]), {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production" && (process.env.SITE_URL ?? "").startsWith("https:"),
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
}

type FieldName = keyof CommentFormState["fieldErrors"];
const FIELD_NAMES: FieldName[] = ["authorName", "authorEmail", "authorUrl", "body"];

/** The reader's comment form. Works as a plain form POST too; a failed submission keeps every value. */
export async function submitCommentAction(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  const values = {
    authorName: text(formData, "authorName"),
    authorEmail: text(formData, "authorEmail"),
    authorUrl: text(formData, "authorUrl"),
    body: text(formData, "body"),
    parentId: text(formData, "parentId"),
    notifyReplies: formData.get("notifyReplies") === "on",
  };
  const parsed = commentFormSchema.safeParse({
    ...values,
    postId: text(formData, "postId"),
    honeypot: text(formData, "url"),
    formToken: text(formData, "formToken") || undefined,
  });
  if (!parsed.success) {
    const fieldErrors: CommentFormState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FieldName;
      if (FIELD_NAMES.includes(field)) fieldErrors[field] ??= issue.message;
    }
    const count = Object.keys(fieldErrors).length;
    return {
      status: "error",
      message: count > 0 ? `Please correct ${count === 1 ? "the field" : `the ${count} fields`} marked below.` : "This form is out of date: reload the page and try again.",
      fieldErrors,
      values,
    };
  }
  const ip = await clientIp();
  const result = await submitComment({
    submission: parsed.data,
    ip,
    ipHash: ip ? hashIp(ip) : null,
    viewer: await getCurrentUser(),
  });
  if (!result.ok) return { status: "error", message: result.message, fieldErrors: {}, values };
  const kept = { ...values, body: "", parentId: "" };
  if (result.status === "APPROVED") {
    for (const tag of result.tagsToInvalidate) updateTag(tag);
    return { status: "approved", message: SUBMIT_MESSAGES.approved, fieldErrors: {}, values: kept, submittedCommentId: result.commentId };
  }
  // Held and silently spammed comments get the same answer: a bot learns nothing.
  await rememberPendingComment(result.commentId);
  return { status: "held", message: SUBMIT_MESSAGES.held, fieldErrors: {}, values: kept, submittedCommentId: result.commentId };
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
  const tab = queueStatusSchema.parse(text(formData, "tab"));
  await runModeration(tab, async () => {
    const actor = await authorizeAction(...EDITOR_ROLES);
    const row = text(formData, "row");
    const [actionName, rowId] = row ? row.split(":") : [text(formData, "bulk"), ""];
    const action = moderationActionSchema.parse(actionName);
    const ids = commentIdsSchema.parse(rowId ? [rowId] : formData.getAll("ids").filter((id) => typeof id === "string"));
    const result = await moderateComments(actor, ids, action);
    for (const tag of result.tagsToInvalidate) updateTag(tag);
    return `${result.changed} comment${result.changed === 1 ? "" : "s"} ${ACTION_NOTICES[action]}.`;
  });
}

export async function editCommentAction(formData: FormData): Promise<void> {
  const tab = queueStatusSchema.parse(text(formData, "tab"));
  await runModeration(tab, async () => {
    const actor = await authorizeAction(...EDITOR_ROLES);
    const input = editCommentSchema.parse({
      commentId: text(formData, "commentId"),
      authorName: text(formData, "authorName"),
      authorUrl: text(formData, "authorUrl"),
      body: text(formData, "body"),
    });
    const result = await editComment(actor, input);
    for (const tag of result.tagsToInvalidate) updateTag(tag);
    return "Comment saved.";
  });
}

export async function replyAsEditorAction(formData: FormData): Promise<void> {
  const tab = queueStatusSchema.parse(text(formData, "tab"));
  await runModeration(tab, async () => {
    const actor = await authorizeAction(...EDITOR_ROLES);
    const input = editorReplySchema.parse({ parentId: text(formData, "parentId"), body: text(formData, "body") });
    const result = await replyAsEditor(actor, input);
    for (const tag of result.tagsToInvalidate) updateTag(tag);
    return "Reply published.";
  });
}

export async function eraseCommenterAction(formData: FormData): Promise<void> {
  const tab = queueStatusSchema.parse(text(formData, "tab"));
  await runModeration(tab, async () => {
    const actor = await authorizeAction(...EDITOR_ROLES);
    const { email } = eraseCommenterSchema.parse({ email: text(formData, "email") });
    if (text(formData, "confirm") !== "on") return "Tick the box to confirm the erasure: it cannot be undone.";
    const result = await eraseCommenter(actor, email);
    for (const tag of result.tagsToInvalidate) updateTag(tag);
    return `Erased ${result.changed} comment${result.changed === 1 ? "" : "s"} written with that address.`;
  });
}

/** The comment rules form: lists one entry per line, thresholds as numbers. Keeps the values on error. */
export async function saveCommentSettingsAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = Object.fromEntries(
    ["disallowedList", "moderationList", "maxLinks", "maxDepth", "closeAfterDays", "floodSeconds", "commentsPerHourPerIp"].map((name) => [name, text(formData, name)]),
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
