// What a server action answers, safe to import from client components (src/lib/action.ts builds them).
import type { FieldErrors } from "@/lib/errors";

/** `conflict`: what the thing holds now, when the action was refused because someone else changed it (ConflictError). */
export type ActionFailure = { ok: false; error: string; fieldErrors: FieldErrors; conflict?: unknown };
export type ActionResult<Data = unknown> = { ok: true; message: string; data: Data } | ActionFailure;

/** A form's state for useActionState: the outcome, and on failure every value the person typed. */
export type FormState<Data = unknown> = {
  status: "idle" | "ok" | "error";
  message: string;
  fieldErrors: FieldErrors;
  values: Record<string, string>;
  data?: Data;
};

export const initialFormState: FormState<never> = { status: "idle", message: "", fieldErrors: {}, values: {} };
