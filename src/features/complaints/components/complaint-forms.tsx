"use client";
// The editors' forms on a complaint: a note for the trail, the next state, and "resolve with a correction".
import { useActionState } from "react";
import { FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import { initialFormState } from "@/lib/action-result";
import { moveComplaintAction, noteOnComplaintAction, resolveWithCorrectionAction } from "../actions";
import { COMPLAINT_TEXT_MAX, OUTCOMES, STATUSES } from "../choices";

export function ComplaintNoteForm({ complaintId }: { complaintId: string }) {
  const [state, action, pending] = useActionState(noteOnComplaintAction, initialFormState);
  return (
    <form action={action} className="admin-form" noValidate>
      <input type="hidden" name="complaintId" value={complaintId} />
      <label htmlFor="complaint-note">Add a note (editors only)</label>
      <textarea id="complaint-note" name="body" rows={3} maxLength={COMPLAINT_TEXT_MAX} defaultValue={state.status === "error" ? (state.values.body ?? "") : ""} key={state.message} {...invalidField(state, "body")} />
      <FieldError state={state} name="body" />
      <button type="submit" disabled={pending}>
        Add note
      </button>
      <FormMessage state={state} />
    </form>
  );
}

const NEXT = ["ACKNOWLEDGED", "INVESTIGATING", "ESCALATED", "RESOLVED"] as const;

export function MoveComplaintForm({ complaintId, status }: { complaintId: string; status: keyof typeof STATUSES }) {
  const [state, action, pending] = useActionState(moveComplaintAction, initialFormState);
  return (
    <form action={action} className="admin-form" noValidate>
      <input type="hidden" name="complaintId" value={complaintId} />
      <label htmlFor="complaint-to">Move to</label>
      <select id="complaint-to" name="to" defaultValue={state.values.to ?? NEXT.find((next) => next !== status)}>
        {NEXT.filter((next) => next !== status).map((next) => (
          <option key={next} value={next}>
            {STATUSES[next]}
          </option>
        ))}
      </select>
      <label htmlFor="complaint-outcome">Outcome (when resolving)</label>
      <select id="complaint-outcome" name="outcome" defaultValue={state.values.outcome ?? ""} {...invalidField(state, "outcome")}>
        <option value="">None yet</option>
        {Object.entries(OUTCOMES).map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </select>
      <FieldError state={state} name="outcome" />
      <button type="submit" disabled={pending}>
        Move
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function ResolveWithCorrectionButton({ complaintId }: { complaintId: string }) {
  const [state, action, pending] = useActionState(resolveWithCorrectionAction, initialFormState);
  return (
    <form action={action} className="admin-form">
      <input type="hidden" name="complaintId" value={complaintId} />
      <button type="submit" disabled={pending}>
        Resolve with a correction
      </button>
      <FormMessage state={state} />
    </form>
  );
}
