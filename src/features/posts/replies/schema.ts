// What an editor may record about a right-of-reply request. Dates are UK calendar dates (YYYY-MM-DD).
import { z } from "zod";
import { REPLY_TEXT_MAX } from "./limits";


const ukDate = (missing: string) => z.string({ error: missing }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, missing);
const requestId = z.string().trim().min(1).max(40);

export const replyRequestSchema = z.object({
  postId: z.string().trim().min(1).max(40),
  person: z.string({ error: "Say who the allegation was put to." }).trim().min(1, "Say who the allegation was put to.").max(300, "Keep the name under 300 characters."),
  putOn: ukDate("Give the date it was put to them."),
  how: z.string({ error: "Say how it was put to them." }).trim().min(1, "Say how it was put to them (email, phone, letter…).").max(300, "Keep this under 300 characters."),
  deadline: ukDate("Give the deadline for their reply."),
});

export const replyResponseSchema = z.object({
  requestId,
  response: z.string({ error: "Write their response." }).trim().min(1, "Write their response.").max(REPLY_TEXT_MAX, `Keep it under ${REPLY_TEXT_MAX} characters.`),
  respondedOn: ukDate("Give the date of their response."),
});

export const replyRequestIdSchema = z.object({ requestId });

/** Publishing with a request still unanswered: the editor's confirmation that they saw the warning. */
export const confirmRepliesSchema = z.object({ confirmOpenReplies: z.boolean().default(false) });
