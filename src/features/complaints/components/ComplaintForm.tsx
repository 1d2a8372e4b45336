"use client";
// The public complaint form. A refusal keeps everything typed; an accepted complaint shows the
// acknowledgement and an empty form.
import { useActionState, type ReactNode } from "react";
import { HoneypotField } from "@/components/HoneypotField";
import { useFormToken } from "@/features/comments/components/use-form-token";
import { initialFormState, type FormState } from "@/lib/action-result";
import { submitComplaintAction } from "../actions";
import { CODE_CLAUSES, COMPLAINT_TEXT_MAX } from "../choices";
import styles from "./ComplaintForm.module.css";

type Control = { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string };

function Field({ name, label, hint, state, children }: { name: string; label: string; hint?: string; state: FormState; children: (control: Control) => ReactNode }) {
  const error = state.fieldErrors[name];
  const described = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <>
      <label htmlFor={`complaint-${name}`}>{label}</label>
      {hint && (
        <p className={styles.hint} id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {children({ id: `complaint-${name}`, name, ...(error ? { "aria-invalid": true as const } : {}), ...(described ? { "aria-describedby": described } : {}) })}
      {error && (
        <p className={styles.fieldError} id={`${name}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

export function ComplaintForm() {
  const [state, action, pending] = useActionState(submitComplaintAction, initialFormState);
  const token = useFormToken();
  const values = state.values;
  const fieldsWrong = Object.keys(state.fieldErrors).length;
  const refusal = fieldsWrong > 0 ? `Please correct ${fieldsWrong === 1 ? "the field" : `the ${fieldsWrong} fields`} marked below.` : state.message;
  return (
    <>
      <div role={state.status === "error" ? "alert" : "status"}>
        {state.status === "ok" && <p className={styles.received}>{state.message}</p>}
        {state.status === "error" && <p className={styles.refused}>{refusal}</p>}
      </div>
      <form action={action} className={styles.form} key={state.status === "ok" ? state.message : "form"} noValidate>
        <input type="hidden" name="formToken" value={token} />
        <Field name="name" label="Your name" state={state}>
          {(control) => <input {...control} type="text" autoComplete="name" maxLength={200} defaultValue={values.name ?? ""} />}
        </Field>
        <Field name="email" label="Your email address" hint="We write to you here. It is never published." state={state}>
          {(control) => <input {...control} type="email" autoComplete="email" maxLength={254} defaultValue={values.email ?? ""} />}
        </Field>
        <Field name="postAddress" label="The post's address" hint="Copy it from your browser's address bar, like https://example.org/posts/a-post." state={state}>
          {(control) => <input {...control} type="url" inputMode="url" maxLength={2000} defaultValue={values.postAddress ?? ""} />}
        </Field>
        <Field name="clause" label="What it is about" hint="The part of the Editors' Code you think we broke." state={state}>
          {(control) => (
            // Keyed by the choice: a select only takes its defaultValue when mounted, and a refused form is reset to it.
            <select {...control} key={values.clause ?? ""} defaultValue={values.clause ?? ""}>
              <option value="" disabled>
                Choose one
              </option>
              {Object.entries(CODE_CLAUSES).map(([key, name]) => (
                <option key={key} value={key}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="whatIsWrong" label="What is wrong" state={state}>
          {(control) => <textarea {...control} rows={6} maxLength={COMPLAINT_TEXT_MAX} defaultValue={values.whatIsWrong ?? ""} />}
        </Field>
        <Field name="whatWouldPutItRight" label="What would put it right" hint="A correction, a clarification, a reply of your own, or something else." state={state}>
          {(control) => <textarea {...control} rows={4} maxLength={COMPLAINT_TEXT_MAX} defaultValue={values.whatWouldPutItRight ?? ""} />}
        </Field>
        <HoneypotField name="website" />
        <button type="submit" className={styles.submit} disabled={pending}>
          {pending ? "Sending…" : "Send the complaint"}
        </button>
      </form>
    </>
  );
}
