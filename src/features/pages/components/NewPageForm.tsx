"use client";
import { useActionState } from "react";
import { initialFormState } from "@/lib/action-result";
import { createPageAction } from "../actions";

export function NewPageForm() {
  const [state, action, pending] = useActionState(createPageAction, initialFormState);
  const error = state.status === "error" ? state.message : undefined;
  return (
    <form action={action} className="admin-form new-post-form" noValidate>
      <label htmlFor="new-page-title">Start a new page</label>
      <div className="inline-field">
        <input
          id="new-page-title"
          name="title"
          type="text"
          placeholder="Like About or Write for us"
          defaultValue={state.values.title}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "new-page-error" : undefined}
        />
        <button type="submit" disabled={pending}>
          Create page
        </button>
      </div>
      {error && (
        <p className="form-error" id="new-page-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
