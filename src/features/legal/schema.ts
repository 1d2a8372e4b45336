// What the legal desk's forms and commands take. Messages are written for the person at the form.
import { z } from "zod";
import { RESTRICTION_KINDS } from "./restriction-kinds";

const id = z.string().trim().min(1).max(40);


const dateOnly = z
  .string()
  .trim()
  .max(10)
  .refine((value) => value === "" || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))), "Give a date like 2026-12-31, or leave it empty.")
  .transform((value) => (value === "" ? null : value));

export const restrictionSchema = z.object({
  kind: z.enum(RESTRICTION_KINDS),
  text: z.string().trim().max(2000, "Keep the order's wording under 2,000 characters."),
  expiresOn: dateOnly.nullable(),
});
export type Restriction = z.infer<typeof restrictionSchema>;

const TERMS_MAX = 200;

/** The case form: restrictions arrive as one fieldset per kind (`<kind>.applies`, `.text`, `.expiresOn`). */
export const caseFormSchema = z
  .object({
    caseId: z.string().trim().max(40).default(""),
    name: z.string({ error: "Give the case a name." }).trim().min(1, "Give the case a name.").max(200, "Keep the name under 200 characters."),
    court: z.string().trim().max(200, "Keep the court under 200 characters.").default(""),
    reference: z.string().trim().max(200, "Keep the reference under 200 characters.").default(""),
    state: z.enum(["ACTIVE", "INACTIVE", "CONCLUDED"], { error: "Choose whether the case is active, inactive or concluded." }),
    activeFrom: dateOnly.default(""),
    protectedTerms: z
      .string()
      .max(20_000, "Too many protected terms.")
      .default("")
      .transform((text) => [...new Set(text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))])
      .refine((terms) => terms.length <= TERMS_MAX, `At most ${TERMS_MAX} protected terms per case.`)
      .refine((terms) => terms.every((term) => term.length <= 200), "Each protected term must be under 200 characters."),
    notes: z.string().trim().max(5000, "Keep the notes under 5,000 characters.").default(""),
  })
  .loose()
  .transform((form, context) => {
    const raw = form as Record<string, unknown>;
    const restrictions: Restriction[] = [];
    for (const kind of RESTRICTION_KINDS) {
      if (raw[`${kind}.applies`] !== "on" && raw[`${kind}.applies`] !== true) continue;
      const parsed = restrictionSchema.safeParse({ kind, text: raw[`${kind}.text`] ?? "", expiresOn: raw[`${kind}.expiresOn`] ?? "" });
      if (!parsed.success) {
        context.addIssue({ code: "custom", path: [`${kind}.expiresOn`], message: parsed.error.issues[0].message });
        return z.NEVER;
      }
      restrictions.push(parsed.data);
    }
    return {
      caseId: form.caseId || null,
      name: form.name,
      court: form.court,
      reference: form.reference,
      state: form.state,
      activeFrom: form.activeFrom,
      protectedTerms: form.protectedTerms,
      notes: form.notes,
      restrictions,
    };
  });
export type CaseForm = z.output<typeof caseFormSchema>;

export const caseLinkSchema = z.object({ postId: id, caseId: id });

const reason = (what: string) => z.string({ error: `Give ${what}.` }).trim().min(3, `Give ${what}.`).max(2000, "Keep it under 2,000 characters.");

export const clearanceSchema = z.object({
  postId: id,
  /** The exact revision the reviewer read: a later one needs its own clearance. */
  revisionId: id,
  note: reason("a note saying why this version may go out"),
});

export const holdSchema = z.object({ postId: id, reason: reason("the reason for the hold") });
export const liftHoldSchema = z.object({ postId: id, reason: reason("the reason for lifting the hold") });
export const legalReviewerSchema = z.object({ userId: id, legalReviewer: z.union([z.boolean(), z.enum(["on", "off", "true", "false"])]).transform((value) => value === true || value === "on" || value === "true") });
