"use client";
import { useActionState } from "react";
import { requestSignInLinkAction, type SignInFormState } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState<SignInFormState, FormData>(requestSignInLinkAction, {});
  return (
    <form action={action} className="admin-form" noValidate>
      <label htmlFor="email">Email address</label>
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.email}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? "email-error" : undefined}
      />
      {state.error && (
        <p id="email-error" className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
