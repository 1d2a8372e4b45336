"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/action-result";
import { sendTestDigestAction } from "../actions";

export function SendTestDigestButton({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState(sendTestDigestAction, initialFormState);
  return (
    <form action={formAction} className="actions-row">
      <button type="submit" disabled={pending}>
        {pending ? "Sending…" : `Send a test to ${email}`}
      </button>
      {state.message ? (
        <span role={state.status === "error" ? "alert" : "status"} className={state.status === "error" ? "form-error" : "form-notice"}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
