"use client";

import { useActionState } from "react";
import { importSubscribersAction } from "../actions";
import type { ImportFormState } from "../schema";

export function ImportSubscribersForm() {
  const [state, formAction, pending] = useActionState<ImportFormState, FormData>(importSubscribersAction, { status: "idle", message: "" });
  const values = state.values ?? { consent: "", consentNote: "" };
  return (
    <form action={formAction} className="admin-form" key={JSON.stringify(values)}>
      {state.message ? (
        <p role={state.status === "error" ? "alert" : "status"} className={state.status === "error" ? "form-error" : "form-notice"}>
          {state.message}
        </p>
      ) : null}
      {state.report && (state.report.invalid.length > 0 || state.report.duplicatesInFile > 0) ? (
        <div className="form-hint">
          {state.report.duplicatesInFile > 0 ? <p>{state.report.duplicatesInFile} duplicate row(s) in the file were merged.</p> : null}
          {state.report.invalid.length > 0 ? (
            <>
              <p>{state.report.invalid.length} row(s) skipped as not valid addresses:</p>
              <ul>
                {state.report.invalid.slice(0, 20).map((row) => (
                  <li key={row.line}>
                    line {row.line}: <code>{row.value || "(empty)"}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {state.report.confirmationsSent > 0 ? <p>{state.report.confirmationsSent} confirmation email(s) sent.</p> : null}
        </div>
      ) : null}
      <label htmlFor="import-file">CSV file</label>
      <input id="import-file" type="file" name="file" accept=".csv,text/csv,text/plain" aria-invalid={state.fieldErrors?.csv ? true : undefined} />
      <label htmlFor="import-pasted">…or paste addresses, one per line</label>
      <textarea id="import-pasted" name="pasted" rows={4} aria-invalid={state.fieldErrors?.csv ? true : undefined} />
      {state.fieldErrors?.csv ? <p className="form-error">{state.fieldErrors.csv}</p> : null}
      <p className="form-hint">Uses the column headed “email”, or the first column. Addresses already on the list are left unchanged.</p>
      <fieldset>
        <legend>Consent</legend>
        <label>
          <input type="radio" name="consent" value="confirm" defaultChecked={values.consent !== "attested"} /> Send each new address a confirmation
          email; they receive nothing else until they click it (recommended)
        </label>
        <label>
          <input type="radio" name="consent" value="attested" defaultChecked={values.consent === "attested"} /> I attest these people agreed to
          receive these emails: subscribe them at once
        </label>
        {state.fieldErrors?.consent ? <p className="form-error">{state.fieldErrors.consent}</p> : null}
        <label htmlFor="import-note">Where and when they agreed (required when attesting)</label>
        <input id="import-note" type="text" name="consentNote" maxLength={500} defaultValue={values.consentNote} aria-invalid={state.fieldErrors?.consentNote ? true : undefined} />
        {state.fieldErrors?.consentNote ? <p className="form-error">{state.fieldErrors.consentNote}</p> : null}
      </fieldset>
      <button type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import"}
      </button>
    </form>
  );
}
