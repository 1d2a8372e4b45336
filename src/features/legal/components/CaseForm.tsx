"use client";
// Creating and editing a case: its state, reporting restrictions and protected terms. A failed save
// keeps everything typed and says what to fix.
import { useActionState } from "react";
import { describedField, FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import { initialFormState } from "@/lib/action-result";
import { saveLegalCaseAction } from "../actions";
import type { Restriction } from "../schema";
import { RESTRICTION_KINDS, RESTRICTION_LABELS } from "../restriction-kinds";

export type CaseFormValues = {
  name: string;
  court: string;
  reference: string;
  state: "ACTIVE" | "INACTIVE" | "CONCLUDED";
  activeFrom: string;
  protectedTerms: string;
  notes: string;
  restrictions: Restriction[];
};

export const emptyCase: CaseFormValues = { name: "", court: "", reference: "", state: "ACTIVE", activeFrom: "", protectedTerms: "", notes: "", restrictions: [] };

export function CaseForm({ caseId, initial }: { caseId?: string; initial: CaseFormValues }) {
  const [state, action, pending] = useActionState(saveLegalCaseAction, initialFormState);
  const typed = state.status === "error";
  const value = (name: string, fallback: string) => (typed ? (state.values[name] ?? "") : fallback);
  const restriction = (kind: Restriction["kind"]) => initial.restrictions.find((item) => item.kind === kind);
  const text = (name: keyof CaseFormValues, label: string, hint?: string, type: "text" | "date" = "text") => (
    <>
      <label htmlFor={name}>{label}</label>
      {hint && (
        <p className="form-hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      <input id={name} name={name} type={type} defaultValue={value(name, String(initial[name]))} {...(hint ? describedField(state, name, `${name}-hint`) : invalidField(state, name))} />
      <FieldError state={state} name={name} />
    </>
  );
  return (
    <form action={action} className="admin-form" key={`${state.status}-${state.message}`} noValidate>
      {caseId && <input type="hidden" name="caseId" value={caseId} />}
      {text("name", "Name", "For the desk only, for example “R v Smith (Leeds)”. Never shown to readers.")}
      <div className="field-grid">
        <div>{text("court", "Court")}</div>
        <div>{text("reference", "Reference")}</div>
      </div>
      <label htmlFor="state">State</label>
      <select id="state" name="state" defaultValue={value("state", initial.state)} {...invalidField(state, "state")}>
        <option value="ACTIVE">Active: proceedings are live (from arrest, warrant or summons until sentence or acquittal)</option>
        <option value="INACTIVE">Inactive</option>
        <option value="CONCLUDED">Concluded</option>
      </select>
      <FieldError state={state} name="state" />
      {text("activeFrom", "Active from", "The date of the arrest, warrant or summons, if known.", "date")}
      <label htmlFor="protectedTerms">Protected terms</label>
      <p className="form-hint" id="protectedTerms-hint">
        One a line: names, places, schools, anything that could identify a protected person. Matched in any case, with accents, hyphens, line breaks and possessives, while the case is active.
      </p>
      <textarea id="protectedTerms" name="protectedTerms" rows={5} defaultValue={value("protectedTerms", initial.protectedTerms)} {...describedField(state, "protectedTerms", "protectedTerms-hint")} />
      <FieldError state={state} name="protectedTerms" />
      <fieldset>
        <legend>Reporting restrictions</legend>
        {RESTRICTION_KINDS.map((kind) => (
          <div key={kind} className="restriction">
            <label className="checkbox">
              <input type="checkbox" name={`${kind}.applies`} defaultChecked={typed ? state.values[`${kind}.applies`] === "on" : Boolean(restriction(kind))} /> {RESTRICTION_LABELS[kind]}
            </label>
            <div className="field-grid">
              <div>
                <label htmlFor={`${kind}.text`}>Wording of the order</label>
                <textarea id={`${kind}.text`} name={`${kind}.text`} rows={2} defaultValue={value(`${kind}.text`, restriction(kind)?.text ?? "")} />
              </div>
              <div>
                <label htmlFor={`${kind}.expiresOn`}>Expires on</label>
                <input id={`${kind}.expiresOn`} name={`${kind}.expiresOn`} type="date" defaultValue={value(`${kind}.expiresOn`, restriction(kind)?.expiresOn ?? "")} {...invalidField(state, `${kind}.expiresOn`)} />
                <FieldError state={state} name={`${kind}.expiresOn`} />
              </div>
            </div>
          </div>
        ))}
      </fieldset>
      <label htmlFor="notes">Notes for the desk</label>
      <textarea id="notes" name="notes" rows={3} defaultValue={value("notes", initial.notes)} {...invalidField(state, "notes")} />
      <FieldError state={state} name="notes" />
      <FormMessage state={state} />
      <button type="submit" disabled={pending}>
        {pending ? "Saving…" : caseId ? "Save case" : "Create case"}
      </button>
    </form>
  );
}
