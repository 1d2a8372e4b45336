"use client";
import { useActionState } from "react";
import { createPostAction } from "@/features/posts/actions";
import { initialFormState } from "@/lib/action-result";

export function NewPostForm() {
  const [state, action, pending] = useActionState(createPostAction, initialFormState);
  const error = state.status === "error" ? state.message : undefined;
  return (
    <form action={action} className="admin-form new-post-form" noValidate>
      <label htmlFor="new-title">Start a new post</label>
      <div className="inline-field">
        <input id="new-title" name="title" type="text" placeholder="Working title" defaultValue={state.values.title} aria-invalid={error ? true : undefined} />
        <button type="submit" disabled={pending}>
          Create draft
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
