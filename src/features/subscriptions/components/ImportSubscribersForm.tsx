"use client";

import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/FormFeedback";
import { initialFormState } from "@/lib/action-result";
import { importSubscribersAction } from "../actions";

export function ImportSubscribersForm() {
  const [state, formAction, pending] = useActionState(importSubscribersAction, initialFormState);
  const values = state.values;
  const report = state.data;
  return (
    <form action={formAction} className="admin-form" key={JSON.stringify(values)}>
      <FormMessage state={state} />
      {report && (report.invalid.length > 0 || report.duplicatesInFile > 0) ? (
        <div className="form-hint">
          {report.duplicatesInFile > 0 ? <p>{report.duplicatesInFile} duplicate row(s) in the file were merged.</p> : null}
          {report.invalid.length > 0 ? (
            <>
              <p>{report.invalid.length} row(s) skipped as not valid addresses:</p>
              <ul>
                {report.invalid.slice(0, 20).map((row) => (
                  <li key={row.line}>
                    line {row.line}: <code>{row.value || "(empty)"}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {report.confirmationsSent > 0 ? <p>{report.confirmationsSent} confirmation email(s) sent.</p> : null}
        </div>
      ) : null}
      <label htmlFor="import-file">CSV file</label>
      <input id="import-file" type="file" name="file" accept=".csv,text/csv,text/plain" aria-invalid={state.fieldErrors.csv ? true : undefined} />
      <label htmlFor="import-pasted">…or paste addresses, one per line</label>
      <textarea id="import-pasted" name="pasted" rows={4} aria-invalid={state.fieldErrors.csv ? true : undefined} />
      <FieldError state={state} name="csv" />
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
        <FieldError state={state} name="consent" />
        <label htmlFor="import-note">Where and when they agreed (required when attesting)</label>
        <input id="import-note" type="text" name="consentNote" maxLength={500} defaultValue={values.consentNote} aria-invalid={state.fieldErrors.consentNote ? true : undefined} />
        <FieldError state={state} name="consentNote" />
      </fieldset>
      <button type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import"}
      </button>
    </form>
  );
}
