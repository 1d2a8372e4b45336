"use client";
import { useActionState } from "react";
import { initialFormState } from "@/lib/action-result";
import { requestSignInLinkAction } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState(requestSignInLinkAction, initialFormState);
  const error = state.status === "error" ? state.message : undefined;
  return (
    <form action={action} className="admin-form" noValidate>
      <label htmlFor="email">Email address</label>
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values.email}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "email-error" : undefined}
      />
      {error && (
        <p id="email-error" className="form-error" role="alert">
          {error}
        </p>
      )}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
