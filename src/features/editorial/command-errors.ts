// Errors a command raises for the person at the form, and how actions turn them into answers.
import type { z } from "zod";
import { AuthorizationError } from "@/lib/auth";

export type FieldErrors = Record<string, string>;

/** Bad input: a message for the form and, where known, one per field. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = "InputError";
  }
}

export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  throw new InputError(result.error.issues[0].message, fieldErrors);
}

export type ActionFailure = { ok: false; error: string; fieldErrors?: FieldErrors };

/** Errors people can act on become messages; anything else is logged and reported plainly. */
export function toActionFailure(error: unknown): ActionFailure {
  if (error instanceof AuthorizationError) return { ok: false, error: error.message };
  if (error instanceof InputError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof Error && (error.name === "SlugTakenError" || error.name === "StalePostStateError")) {
    return { ok: false, error: error.message, ...(error.name === "SlugTakenError" ? { fieldErrors: { slug: error.message } } : {}) };
  }
  console.error(error);
  return { ok: false, error: "Something went wrong on our side. Please try again in a moment." };
}
