"use client";

import { useActionState } from "react";
import { sendTestDigestAction, type TestSendState } from "../actions";

export function SendTestDigestButton({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState<TestSendState>(sendTestDigestAction, { status: "idle", message: "" });
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
