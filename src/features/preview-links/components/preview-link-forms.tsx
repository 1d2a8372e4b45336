"use client";
// Making a preview link (its address is shown once, to copy) and revoking one.
import { useActionState, useState } from "react";
import { FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import { initialFormState, type FormState } from "@/lib/action-result";
import { makePreviewLinkAction, withdrawPreviewLinkAction } from "../actions";
import { PREVIEW_DAYS } from "../limits";
import styles from "./PreviewLinks.module.css";

type MadeLink = { url: string; expiresAt: string };

function CopyableLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="admin-form">
      <label htmlFor="preview-link-url">The new link (shown only now)</label>
      <div className="inline-field">
        <input id="preview-link-url" className={styles.url} type="text" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void navigator.clipboard?.writeText(url).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}

export function MakePreviewLinkForm({ postId }: { postId: string }) {
  const [state, action, pending] = useActionState(makePreviewLinkAction as (previous: FormState<MadeLink>, form: FormData) => Promise<FormState<MadeLink>>, initialFormState);
  return (
    <>
      <form action={action} className={`inline-form ${styles.make}`} noValidate>
        <input type="hidden" name="postId" value={postId} />
        <label htmlFor="preview-days">Works for</label>
        <input
          id="preview-days"
          name="days"
          type="number"
          inputMode="numeric"
          min={PREVIEW_DAYS.min}
          max={PREVIEW_DAYS.max}
          defaultValue={state.values.days ?? String(PREVIEW_DAYS.default)}
          className={styles.days}
          {...invalidField(state, "days")}
        />
        <span>days</span>
        <button type="submit" disabled={pending}>
          Make a preview link
        </button>
        <FieldError state={state} name="days" />
        <FormMessage state={state} />
      </form>
      {state.status === "ok" && state.data && <CopyableLink url={state.data.url} />}
    </>
  );
}

export function RevokePreviewLinkButton({ linkId, label }: { linkId: string; label: string }) {
  const [state, action, pending] = useActionState(withdrawPreviewLinkAction, initialFormState);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="linkId" value={linkId} />
      <button type="submit" className="secondary" disabled={pending} aria-label={label}>
        Revoke
      </button>
      {state.status === "error" && <FormMessage state={state} />}
    </form>
  );
}
