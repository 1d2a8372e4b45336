// The reader's comment form, handled the same way whether it arrives as a server action (no
// JavaScript) or as a POST to /api/comments (the hydrated form, which gets real HTTP statuses).
import { cookies } from "next/headers";
import { fieldErrorsFrom } from "@/lib/action";
import { getCurrentUser } from "@/lib/auth";
import { clientIp } from "@/lib/client-ip";
import { filterStillPending } from "./data";
import { submitComment } from "./submission";
import type { CommentFormState } from "./form-state";
import { commentFormSchema, SUBMIT_MESSAGES } from "./schema";
import { decodePendingCookie, encodePendingCookie, hashIp, PENDING_COOKIE } from "./signing";

export function formText(formData: FormData, name: string): string {
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

export type CommentFormOutcome = { state: CommentFormState; httpStatus: number; tagsToInvalidate: string[] };

/** Validates and submits a comment; a failed submission keeps every value. */
export async function handleCommentForm(formData: FormData): Promise<CommentFormOutcome> {
  const values = {
    authorName: formText(formData, "authorName"),
    authorEmail: formText(formData, "authorEmail"),
    authorUrl: formText(formData, "authorUrl"),
    body: formText(formData, "body"),
    parentId: formText(formData, "parentId"),
    notifyReplies: formData.get("notifyReplies") === "on",
  };
  const parsed = commentFormSchema.safeParse({
    ...values,
    postId: formText(formData, "postId"),
    honeypot: formText(formData, "url"),
    formToken: formText(formData, "formToken") || undefined,
  });
  if (!parsed.success) {
    const fieldErrors: CommentFormState["fieldErrors"] = {};
    for (const [field, message] of Object.entries(fieldErrorsFrom(parsed.error))) {
      if ((FIELD_NAMES as string[]).includes(field)) fieldErrors[field as FieldName] = message;
    }
    const count = Object.keys(fieldErrors).length;
    const message =
      count > 0 ? `Please correct ${count === 1 ? "the field" : `the ${count} fields`} marked below.` : "This form is out of date: reload the page and try again.";
    return { state: { status: "error", message, fieldErrors, values }, httpStatus: 400, tagsToInvalidate: [] };
  }
  const ip = await clientIp();
  const result = await submitComment({ submission: parsed.data, ip, ipHash: ip ? hashIp(ip) : null, viewer: await getCurrentUser() });
  if (!result.ok) return { state: { status: "error", message: result.message, fieldErrors: {}, values }, httpStatus: result.httpStatus, tagsToInvalidate: [] };
  const kept = { ...values, body: "", parentId: "" };
  if (result.status === "APPROVED") {
    const state: CommentFormState = { status: "approved", message: SUBMIT_MESSAGES.approved, fieldErrors: {}, values: kept, submittedCommentId: result.commentId };
    return { state, httpStatus: 201, tagsToInvalidate: result.tagsToInvalidate };
  }
  // Held and silently spammed comments get the same answer: a bot learns nothing.
  await rememberPendingComment(result.commentId);
  const state: CommentFormState = { status: "held", message: SUBMIT_MESSAGES.held, fieldErrors: {}, values: kept, submittedCommentId: result.commentId };
  return { state, httpStatus: 202, tagsToInvalidate: [] };
}
