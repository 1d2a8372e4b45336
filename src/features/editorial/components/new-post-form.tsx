"use client";
import { useActionState } from "react";
import { createPostAction, type NewPostState } from "@/features/posts/actions";

export function NewPostForm() {
  const [state, action, pending] = useActionState<NewPostState, FormData>(createPostAction, {});
  return (
    <form action={action} className="admin-form new-post-form" noValidate>
      <label htmlFor="new-title">Start a new post</label>
      <div className="inline-field">
        <input id="new-title" name="title" type="text" placeholder="Working title" defaultValue={state.title} aria-invalid={state.error ? true : undefined} />
        <button type="submit" disabled={pending}>
          Create draft
        </button>
      </div>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
