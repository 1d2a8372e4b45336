"use client";

import { useActionState } from "react";
import { FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import { initialFormState } from "@/lib/action-result";
import { resendUncertainDigestAction } from "../actions";

/** Resend a run's uncertain deliveries, after a warning that some people will get the digest twice. */
export function ResendUncertainForm({ runId, uncertain, warning }: { runId: string; uncertain: number; warning: string }) {
  const [state, formAction, pending] = useActionState(resendUncertainDigestAction, initialFormState);
  return (
    <form action={formAction} className="admin-form">
      <FormMessage state={state} />
      <input type="hidden" name="runId" value={runId} />
      <p>
        <strong>Before you resend:</strong> {warning}
      </p>
      <label className="checkbox">
        <input type="checkbox" name="confirmed" {...invalidField(state, "confirmed")} /> I understand that some of these {uncertain} people may get
        this digest twice
      </label>
      <FieldError state={state} name="confirmed" />
      <button type="submit" disabled={pending}>
        {pending ? "Resending…" : `Resend to the ${uncertain} uncertain ${uncertain === 1 ? "address" : "addresses"}`}
      </button>
    </form>
  );
}
