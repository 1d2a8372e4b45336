"use client";

import { useActionState, useEffect, useSyncExternalStore } from "react";
import { useRouter } from "next/navigation";
import { submitCommentAction } from "../actions";
import { COMMENT_LIMITS, initialCommentFormState, type CommentFormState } from "../form-state";
import { COMMENTS_CHANGED_EVENT, useReplyTarget } from "./ReplyContext";
import { HoneypotField } from "@/components/HoneypotField";
import { useFormToken } from "./use-form-token";
import styles from "./CommentThread.module.css";

type FieldProps = {
  name: keyof CommentFormState["fieldErrors"];
  label: string;
  required?: boolean;
  state: CommentFormState;
  children: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
  hint?: string;
};

function Field({ name, label, required, state, children, hint }: FieldProps) {
  const id = `comment-${name}`;
  const error = state.fieldErrors[name];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <p className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
        {required && (
          <span className={styles.required} aria-hidden="true">
            {" "}
            *
          </span>
        )}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint && (
        <span id={`${id}-hint`} className={styles.hint}>
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className={styles.fieldError}>
          {error}
        </span>
      )}
    </p>
  );
}

function valuesOf(formData: FormData): CommentFormState["values"] {
  const field = (name: string) => String(formData.get(name) ?? "");
  return {
    authorName: field("authorName"),
    authorEmail: field("authorEmail"),
    authorUrl: field("authorUrl"),
    body: field("body"),
    parentId: field("parentId"),
    notifyReplies: formData.get("notifyReplies") === "on",
  };
}

/** Once hydrated, the form posts to the route handler, which answers with real HTTP statuses. */
async function postComment(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  try {
    const response = await fetch("/api/comments", { method: "POST", body: formData });
    return (await response.json()) as CommentFormState;
  } catch {
    const message = "Your comment could not be sent: check your connection and try again. Your text is still here.";
    return { status: "error", message, fieldErrors: {}, values: valuesOf(formData) };
  }
}

const neverChanges = () => () => {};

/** `cancelHref`: on the reply page, cancelling goes back to the post (a link works without JavaScript). */
export function CommentForm({ postId, cancelHref }: { postId: string; cancelHref?: string }) {
  // The server render (and a browser without JavaScript) uses the server action; after hydration, fetch.
  const hydrated = useSyncExternalStore(neverChanges, () => true, () => false);
  const [state, formAction, pending] = useActionState(hydrated ? postComment : submitCommentAction, initialCommentFormState);
  const router = useRouter();
  const token = useFormToken();
  const { target, setTarget } = useReplyTarget();
  const values = state.values;
  const parentId = target?.id ?? (state.status === "error" ? values.parentId : "");

  useEffect(() => {
    if (state.submittedCommentId) {
      setTarget(null);
      window.dispatchEvent(new Event(COMMENTS_CHANGED_EVENT));
      if (state.status === "approved") router.refresh();
    }
  }, [state.submittedCommentId, state.status, setTarget, router]);

  // Remount the fields after each answer so they show what the server sent back.
  const formKey = `${state.status}-${state.submittedCommentId ?? ""}-${state.message}`;
  return (
    <div id="respond" className={styles.respond}>
      <h3 className={styles.formHeading}>
        {target ? (
          <>
            Reply to <bdi>{target.authorName}</bdi>{" "}
            {cancelHref ? (
              <a href={cancelHref} className={styles.cancel}>
                Cancel reply
              </a>
            ) : (
              <button type="button" className={styles.cancel} onClick={() => setTarget(null)}>
                Cancel reply
              </button>
            )}
          </>
        ) : (
          "Leave a Reply"
        )}
      </h3>
      <p className={styles.notice}>
        Your email address will not be published. Required fields are marked <span aria-hidden="true">*</span>
        <span className="visually-hidden">with an asterisk</span>
      </p>
      <p
        role={state.status === "error" ? "alert" : "status"}
        className={state.status === "error" ? styles.formError : state.status === "idle" ? styles.empty : styles.success}
      >
        {state.message}
      </p>
      <form action={formAction} className={styles.form} key={formKey} noValidate>
        <input type="hidden" name="postId" value={postId} />
        <input type="hidden" name="parentId" value={parentId} />
        <input type="hidden" name="formToken" value={token} />
        <Field name="body" label="Comment" required state={state} hint="Paragraphs, links, *emphasis* and > quotes.">
          {(props) => (
            <textarea {...props} name="body" rows={7} required maxLength={COMMENT_LIMITS.body} defaultValue={values.body} className={styles.textarea} />
          )}
        </Field>
        <div className={styles.row}>
          <Field name="authorName" label="Name" required state={state}>
            {(props) => (
              <input {...props} name="authorName" type="text" required maxLength={COMMENT_LIMITS.name} autoComplete="name" defaultValue={values.authorName} className={styles.input} />
            )}
          </Field>
          <Field name="authorEmail" label="Email" required state={state}>
            {(props) => (
              <input {...props} name="authorEmail" type="email" required maxLength={COMMENT_LIMITS.email} autoComplete="email" defaultValue={values.authorEmail} className={styles.input} />
            )}
          </Field>
          <Field name="authorUrl" label="Website" state={state}>
            {(props) => (
              <input {...props} name="authorUrl" type="url" maxLength={COMMENT_LIMITS.url} autoComplete="url" defaultValue={values.authorUrl} className={styles.input} />
            )}
          </Field>
        </div>
        <HoneypotField name="url" />
        <p className={styles.check}>
          <input id="comment-notify" type="checkbox" name="notifyReplies" defaultChecked={values.notifyReplies} />
          <label htmlFor="comment-notify">Email me when someone replies to my comment</label>
        </p>
        <p>
          <button type="submit" className={styles.submit} disabled={pending}>
            {pending ? "Posting…" : target ? "Post Reply" : "Post Comment"}
          </button>
        </p>
      </form>
    </div>
  );
}
