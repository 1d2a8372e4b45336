import { z } from "zod";
import { emailAddress } from "@/lib/form-fields";

/** The subscribe form. `website` is the honeypot: people leave it empty, simple bots fill it in. */
export const subscribeFormSchema = z.object({
  email: emailAddress,
  website: z.string().optional().default(""),
});

export const preferencesFormSchema = z
  .object({
    token: z.string().min(1),
    choice: z.enum(["all", "some", "pause", "unsubscribe"], { error: "Choose how you want to receive posts." }),
    seriesIds: z.array(z.string().min(1).max(40)).max(200).default([]),
    categoryIds: z.array(z.string().min(1).max(40)).max(200).default([]),
  })
  .refine((value) => value.choice !== "some" || value.seriesIds.length + value.categoryIds.length > 0, {
    message: "Pick at least one series or category, or choose all posts.",
    path: ["choice"],
  });

/** The one answer for every accepted address, whatever its state: nothing reveals who is subscribed. */
export const SUBSCRIBE_ACCEPTED_MESSAGE =
  "Thanks. If that address can receive our emails, a confirmation link is on its way. Click it to start your subscription.";

export type PreferencesFormState = {
  status: "idle" | "saved" | "error";
  message: string;
  values?: { choice: string; seriesIds: string[]; categoryIds: string[] };
};

export const MAX_IMPORT_ROWS = 5000;

export const importFormSchema = z
  .object({
    csv: z.string().trim().min(1, "Choose a CSV file or paste addresses.").max(2_000_000, "That file is too big: import at most 5,000 addresses at a time."),
    consent: z.enum(["attested", "confirm"], { error: "Choose whether these people must confirm by email." }),
    consentNote: z.string().trim().max(500, "Keep the consent note under 500 characters.").default(""),
  })
  .refine((value) => value.consent !== "attested" || value.consentNote.length >= 10, {
    message: "Say where and when these people agreed to receive the emails (at least 10 characters).",
    path: ["consentNote"],
  });

export const subscriberStatusSchema = z.enum(["PENDING", "ACTIVE", "PAUSED", "UNSUBSCRIBED", "BOUNCED"]);
