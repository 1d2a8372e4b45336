import { z } from "zod";
import { PREVIEW_DAYS } from "./limits";


const recordId = z.string().min(1).max(40);

export const createPreviewLinkSchema = z.object({
  postId: recordId,
  days: z.coerce
    .number({ error: `Choose how many days the link works: ${PREVIEW_DAYS.min} to ${PREVIEW_DAYS.max}.` })
    .int(`Choose a whole number of days, ${PREVIEW_DAYS.min} to ${PREVIEW_DAYS.max}.`)
    .min(PREVIEW_DAYS.min, `A link works for at least ${PREVIEW_DAYS.min} day.`)
    .max(PREVIEW_DAYS.max, `A link works for at most ${PREVIEW_DAYS.max} days.`)
    .default(PREVIEW_DAYS.default),
});

export const revokePreviewLinkSchema = z.object({ linkId: recordId });

/** The token in a preview address: 32 random bytes, base64url (43 characters). */
export const previewTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
