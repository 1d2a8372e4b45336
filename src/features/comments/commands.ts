// Readers' commands (src/lib/action.ts): the comment form, and stopping reply emails.
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { InputError, UserFacingError } from "@/lib/errors";
import { verifySignedToken } from "@/lib/signed-links";
import { commentIdFromUnsubscribeSubject } from "./emails";
import { stopReplyNotifications } from "./mutations";
import { commentFormSchema } from "./schema";
import { hashIp } from "./signing";
import { submitComment } from "./submission";

/**
 * A reader's comment, from the form with or without JavaScript. The submission rules decide whether
 * it is published, held or (silently) spam; a refusal (closed, duplicate, flood…) carries its HTTP status.
 */
export const submitReaderComment = defineCommand({
  access: "public",
  input: commentFormSchema.extend({ ip: z.string().max(100).nullable() }),
  async run({ ip, ...submission }, viewer) {
    const result = await submitComment({ submission, ip, ipHash: ip ? hashIp(ip) : null, viewer });
    if (!result.ok) throw new UserFacingError(result.message, result.httpStatus);
    return { message: "", tags: result.tagsToInvalidate, data: { commentId: result.commentId, published: result.status === "APPROVED" } };
  },
});

/** The comment whose reply emails a signed unsubscribe token names, or null. */
export function commentIdFromReplyToken(token: string | null | undefined): string | null {
  const check = verifySignedToken(token, "unsubscribe");
  return check.ok ? commentIdFromUnsubscribeSubject(check.subject) : null;
}

/** Authorized by the signed link in a reply email: no more reply emails to that commenter. */
export const stopReplyEmails = defineCommand({
  access: "public",
  input: z.object({ token: z.string().max(2000) }),
  async run({ token }) {
    const commentId = commentIdFromReplyToken(token);
    if (!commentId) throw new InputError("This link is not valid. Check that you copied the whole link from the email.");
    await stopReplyNotifications(commentId);
    return { message: "Reply emails stopped.", redirectTo: `/comments/unsubscribe?token=${encodeURIComponent(token)}&done=1` };
  },
});
