"use client";
// The correction form, withdrawing one that is not public yet, and the Update that makes them public.
import { useActionState, useState, useTransition } from "react";
import { FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import { initialFormState } from "@/lib/action-result";
import { updatePostAction } from "../../actions";
import { addPostCorrectionAction, withdrawPostCorrectionAction } from "../actions";
import { CORRECTION_TEXT_MAX } from "../limits";
import styles from "./CorrectionsPanel.module.css";

export function AddCorrectionForm({ postId }: { postId: string }) {
  const [state, action, pending] = useActionState(addPostCorrectionAction, initialFormState);
  const kind = state.values.kind ?? "CORRECTION";
  return (
    <form action={action} className="admin-form" noValidate>
      <input type="hidden" name="postId" value={postId} />
      <fieldset className={styles.kinds}>
        <legend>Kind</legend>
        <label>
          <input type="radio" name="kind" value="CORRECTION" defaultChecked={kind === "CORRECTION"} /> Correction
        </label>
        <label>
          <input type="radio" name="kind" value="CLARIFICATION" defaultChecked={kind === "CLARIFICATION"} /> Clarification
        </label>
      </fieldset>
      <FieldError state={state} name="kind" />
      <label htmlFor="correction-text">What was wrong, and what is right</label>
      <textarea id="correction-text" name="text" rows={4} maxLength={CORRECTION_TEXT_MAX} defaultValue={state.values.text ?? ""} {...invalidField(state, "text")} />
      <FieldError state={state} name="text" />
      <button type="submit" disabled={pending}>
        Add to the working copy
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function WithdrawCorrectionButton({ correctionId }: { correctionId: string }) {
  const [state, action, pending] = useActionState(withdrawPostCorrectionAction, initialFormState);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="correctionId" value={correctionId} />
      <button type="submit" className="secondary" disabled={pending}>
        Withdraw
      </button>
      {state.status === "error" && <FormMessage state={state} />}
    </form>
  );
}

/** Always rendered (its answer outlives the refresh that follows an Update); the button only while some wait. */
export function PublishCorrectionsButton({ postId, revisionId, pending: waiting }: { postId: string; revisionId: string; pending: boolean }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const update = () =>
    startTransition(async () => {
      const outcome = await updatePostAction(postId, revisionId);
      setMessage(outcome.ok ? { ok: true, text: outcome.message } : { ok: false, text: outcome.error });
    });
  return (
    <div className="inline-form">
      {waiting && (
        <button type="button" disabled={pending} onClick={update}>
          Update: publish the working copy
        </button>
      )}
      {message && (message.ok ? <p className="form-notice" role="status">{message.text}</p> : <p className="form-error" role="alert">{message.text}</p>)}
    </div>
  );
}
