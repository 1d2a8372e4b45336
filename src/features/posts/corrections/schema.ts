// What an editor may send for a correction or clarification.
import { z } from "zod";
import { CORRECTION_TEXT_MAX } from "./limits";


export const correctionKinds = ["CORRECTION", "CLARIFICATION"] as const;

export const correctionSchema = z.object({
  postId: z.string().trim().min(1).max(40),
  kind: z.enum(correctionKinds, { error: "Choose correction or clarification." }),
  text: z
    .string({ error: "Say what was wrong and what is right." })
    .trim()
    .min(1, "Say what was wrong and what is right.")
    .max(CORRECTION_TEXT_MAX, `A correction must be at most ${CORRECTION_TEXT_MAX} characters.`),
});

export const withdrawCorrectionSchema = z.object({ correctionId: z.string().trim().min(1).max(40) });

