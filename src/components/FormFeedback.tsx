// How every admin form reports back: one message for the form, one under each field it concerns.
import type { FormState } from "@/lib/action-result";

export function FormMessage({ state }: { state: Pick<FormState, "status" | "message"> }) {
  if (state.status === "ok" && state.message) return <p className="form-notice" role="status">{state.message}</p>;
  if (state.status === "error") return <p className="form-error" role="alert">{state.message}</p>;
  return null;
}

export function FieldError({ state, name }: { state: Pick<FormState, "fieldErrors">; name: string }) {
  const message = state.fieldErrors[name];
  return message ? (
    <p className="form-error" id={`${name}-error`}>
      {message}
    </p>
  ) : null;
}

/** aria attributes for a field that has an error. */
export function invalidField(state: Pick<FormState, "fieldErrors">, name: string) {
  return state.fieldErrors[name] ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {};
}

/** aria attributes for a field with a hint: the hint always describes it, and its error when it has one. */
export function describedField(state: Pick<FormState, "fieldErrors">, name: string, hintId: string) {
  const invalid = Boolean(state.fieldErrors[name]);
  return { "aria-describedby": invalid ? `${hintId} ${name}-error` : hintId, ...(invalid ? { "aria-invalid": true as const } : {}) };
}
