// Readers' commands (src/lib/action.ts) that are not the comment form itself.
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { InputError } from "@/lib/errors";
import { verifySignedToken } from "@/lib/signed-links";
import { commentIdFromUnsubscribeSubject } from "./emails";
import { stopReplyNotifications } from "./mutations";

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
