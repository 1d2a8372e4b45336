// The reader's comment form, the same whether it arrives as a server action (no JavaScript) or as a
// POST to /api/comments (the hydrated form, which gets real HTTP statuses): both run the
// submitReaderComment command through the pipeline and answer with the form's state from here.
import { cookies } from "next/headers";
import type { ActionFailure } from "@/lib/action-result";
import { clientIp } from "@/lib/client-ip";
import { filterStillPending } from "./data";
import type { CommentFormState } from "./form-state";
import { nulReplaced, SUBMIT_MESSAGES } from "./schema";
import { decodePendingCookie, encodePendingCookie, PENDING_COOKIE } from "./signing";

export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** What the person typed, given back with every answer so a failed submission loses nothing. */
export function commentFormValues(formData: FormData): CommentFormState["values"] {
  return {
    authorName: formText(formData, "authorName"),
    authorEmail: formText(formData, "authorEmail"),
    authorUrl: formText(formData, "authorUrl"),
    body: formText(formData, "body"),
    parentId: formText(formData, "parentId"),
    notifyReplies: formData.get("notifyReplies") === "on",
  };
}

/**
 * The command's input: the form's fields, the honeypot (`url`), and the client's address from the
 * request. NUL becomes U+FFFD here, before the pipeline removes control characters from every input.
 */
export async function commentFormInput(formData: FormData) {
  const values = commentFormValues(formData);
  return {
    ...values,
    authorName: nulReplaced(values.authorName),
    authorEmail: nulReplaced(values.authorEmail),
    authorUrl: nulReplaced(values.authorUrl),
    body: nulReplaced(values.body),
    postId: formText(formData, "postId"),
    honeypot: formText(formData, "url"),
    formToken: formText(formData, "formToken") || undefined,
    ip: await clientIp(),
  };
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

/** Published, or held: held and silently spammed comments get the same answer, so a bot learns nothing. */
export async function commentAccepted(comment: { commentId: string; published: boolean }, values: CommentFormState["values"]): Promise<CommentFormState> {
  const kept = { ...values, body: "", parentId: "" };
  if (comment.published) return { status: "approved", message: SUBMIT_MESSAGES.approved, fieldErrors: {}, values: kept, submittedCommentId: comment.commentId };
  await rememberPendingComment(comment.commentId);
  return { status: "held", message: SUBMIT_MESSAGES.held, fieldErrors: {}, values: kept, submittedCommentId: comment.commentId };
}

type FieldName = keyof CommentFormState["fieldErrors"];
const FIELD_NAMES: FieldName[] = ["authorName", "authorEmail", "authorUrl", "body"];

/** A refusal keeps every value; field errors name the fields, and a broken hidden field says to reload. */
export function commentRefused(failure: ActionFailure, values: CommentFormState["values"]): CommentFormState {
  if (Object.keys(failure.fieldErrors).length === 0) return { status: "error", message: failure.error, fieldErrors: {}, values };
  const fieldErrors: CommentFormState["fieldErrors"] = {};
  for (const [field, message] of Object.entries(failure.fieldErrors)) {
    if ((FIELD_NAMES as string[]).includes(field)) fieldErrors[field as FieldName] = message;
  }
  const count = Object.keys(fieldErrors).length;
  const message = count > 0 ? `Please correct ${count === 1 ? "the field" : `the ${count} fields`} marked below.` : "This form is out of date: reload the page and try again.";
  return { status: "error", message, fieldErrors, values };
}
