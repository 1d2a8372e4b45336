// What a complainant and the editors may send about a complaint. Messages are for the person at the form.
import { z } from "zod";
import { emailAddress } from "@/lib/form-fields";
import { CODE_CLAUSES, COMPLAINT_TEXT_MAX, type CodeClause } from "./choices";

const clauseKeys = Object.keys(CODE_CLAUSES) as [CodeClause, ...CodeClause[]];


const text = (missing: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `Please keep this under ${max} characters.`);

export const complaintFieldsSchema = z.object({
  name: text("Give your name.", 200),
  email: emailAddress,
  postAddress: text("Give the address (URL) of the post you are complaining about.", 2000),
  clause: z.enum(clauseKeys, { error: "Choose the part of the Code, or “Something else”." }),
  whatIsWrong: text("Say what is wrong.", COMPLAINT_TEXT_MAX),
  whatWouldPutItRight: text("Say what would put it right.", COMPLAINT_TEXT_MAX),
});

export const complaintSubmissionSchema = complaintFieldsSchema.extend({
  /** The honeypot: people leave it empty. */
  honeypot: z.string().max(2000).default(""),
  formToken: z.string().max(200).optional(),
  ip: z.string().max(100).nullable(),
});

export type ComplaintSubmission = z.output<typeof complaintSubmissionSchema>;

export const complaintIdSchema = z.object({ complaintId: z.string().trim().min(1).max(40) });

export const complaintNoteSchema = complaintIdSchema.extend({
  body: text("Write the note.", COMPLAINT_TEXT_MAX),
});


export const complaintMoveSchema = complaintIdSchema.extend({
  to: z.enum(["ACKNOWLEDGED", "INVESTIGATING", "ESCALATED", "RESOLVED"], { error: "Choose what happens next." }),
  outcome: z
    .enum(["CORRECTED", "CLARIFIED", "REPLY_PUBLISHED", "NOT_UPHELD"])
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export const summaryYearSchema = z.object({ year: z.coerce.number({ error: "Give a year." }).int().min(2000, "Give a year from 2000.").max(2100, "Give a year before 2100.") });
