"use client";
// Lifecycle buttons for one post. Which appear comes from the server's permission checks, and the
// server checks again when any of them is pressed. A published post's working copy has its own:
// Update (readers get it), Discard changes, schedule the update, or send it for review.
import { useState, useTransition } from "react";
import {
  addNoteAction,
  discardPostChangesAction,
  publishPostAction,
  requestChangesAction,
  schedulePostAction,
  schedulePostUpdateAction,
  submitPostAction,
  submitPostChangesAction,
  unpublishPostAction,
  updatePostAction,
} from "@/features/posts/actions";
import type { ActionResult } from "@/lib/action-result";
import type { EditorVersion } from "@/features/editor/saved-document";
import { DiscardChangesButton } from "@/features/editor/components/DiscardChangesButton";
import type { PostActionFlags } from "@/features/posts/permissions";
import type { EditorFields } from "../editor-fields";

type WorkingCopy = {
  /** The editor holds changes readers do not see yet. */
  pending: boolean;
  changesSubmitted: boolean;
  /** The revision the editor shows: Update makes exactly this one live. */
  revisionId: () => string;
  onUpdated: (revisionId: string) => void;
  onDiscarded: (revisionId: string) => void;
  onConflict: (theirs: EditorVersion<EditorFields>) => void;
};

type Props = { postId: string; flags: PostActionFlags; defaultScheduleLocal: string; saveFirst?: () => Promise<boolean>; workingCopy?: WorkingCopy };

/**
 * Publishing with a right-of-reply request unanswered: the server refuses with the warning, the editor
 * confirms it, and the same action runs again with the confirmation.
 */
function confirmingOpenReplies(act: (confirmed: boolean) => Promise<ActionResult>) {
  return async (): Promise<ActionResult> => {
    const first = await act(false);
    if (first.ok || !first.fieldErrors.confirmOpenReplies || !window.confirm(first.error)) return first;
    return act(true);
  };
}

export function PostActions({ postId, flags, defaultScheduleLocal, saveFirst, workingCopy }: Props) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [note, setNote] = useState("");
  const [when, setWhen] = useState(defaultScheduleLocal);
  const [aboutCase, setAboutCase] = useState(false);

  const run = <Data,>(action: () => Promise<ActionResult<Data>>, after?: (outcome: ActionResult<Data> & { ok: true }) => void, clearNote = false) =>
    startTransition(async () => {
      if (saveFirst && !(await saveFirst())) {
        setResult({ ok: false, error: "Fix the problems above first: the post could not be saved.", fieldErrors: {} });
        return;
      }
      try {
        const outcome = await action();
        setResult(outcome as ActionResult);
        if (!outcome.ok && outcome.conflict && workingCopy) workingCopy.onConflict(outcome.conflict as EditorVersion<EditorFields>);
        if (outcome.ok) after?.(outcome);
        if (outcome.ok && clearNote) setNote("");
      } catch {
        setResult({ ok: false, error: "The server could not be reached. Nothing was changed; please try again.", fieldErrors: {} });
      }
    });

  const changes = workingCopy?.pending ? workingCopy : null;
  const anyReview = flags.canRequestChanges || flags.canNote;
  const anyWorkingCopyButton = Boolean(changes) && (flags.canUpdate || flags.canDiscard || flags.canSubmitChanges || flags.canScheduleUpdate);
  if (!Object.values(flags).some(Boolean)) return null;

  return (
    <section className="post-actions" aria-label="Review and publishing">
      {result && (
        <p className={result.ok ? "form-notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.ok ? result.message : result.error}
        </p>
      )}
      {anyWorkingCopyButton && changes && (
        <div className="actions-row">
          {flags.canUpdate && (
            <button type="button" disabled={pending} onClick={() => run(() => updatePostAction(postId, changes.revisionId()), (outcome) => changes.onUpdated(outcome.data.revisionId))}>
              Update
            </button>
          )}
          {flags.canSubmitChanges && !changes.changesSubmitted && (
            <button type="button" disabled={pending} onClick={() => run(() => submitPostChangesAction(postId))}>
              Submit changes for review
            </button>
          )}
          {flags.canDiscard && (
            <DiscardChangesButton disabled={pending} onDiscard={() => run(() => discardPostChangesAction(postId), (outcome) => changes.onDiscarded(outcome.data.revisionId))} />
          )}
        </div>
      )}
      <div className="actions-row">
        {flags.canSubmit && (
          <>
            <label className="checkbox">
              <input type="checkbox" checked={aboutCase} onChange={(event) => setAboutCase(event.target.checked)} /> This is about a court case
            </label>
            <button type="button" disabled={pending} onClick={() => run(() => submitPostAction(postId, aboutCase))}>
              Submit for review
            </button>
          </>
        )}
        {flags.canPublish && (
          <button type="button" disabled={pending} onClick={() => run(confirmingOpenReplies((confirmed) => publishPostAction(postId, confirmed)))}>
            Publish now
          </button>
        )}
        {flags.canUnpublish && (
          <button type="button" className="secondary" disabled={pending} onClick={() => run(() => unpublishPostAction(postId))}>
            Unpublish
          </button>
        )}
      </div>
      {flags.canSchedule && (
        <div className="schedule-row">
          <label htmlFor="schedule-at">Publish on (UK time)</label>
          <input id="schedule-at" type="datetime-local" value={when} onChange={(event) => setWhen(event.target.value)} />
          <button type="button" disabled={pending} onClick={() => run(confirmingOpenReplies((confirmed) => schedulePostAction(postId, when, confirmed)))}>
            Schedule
          </button>
        </div>
      )}
      {flags.canScheduleUpdate && changes && (
        <div className="schedule-row">
          <label htmlFor="schedule-update-at">Update on (UK time)</label>
          <input id="schedule-update-at" type="datetime-local" value={when} onChange={(event) => setWhen(event.target.value)} />
          <button type="button" disabled={pending} onClick={() => run(() => schedulePostUpdateAction(postId, when))}>
            Schedule the update
          </button>
        </div>
      )}
      {anyReview && (
        <div className="admin-form">
          <label htmlFor="editor-note">Feedback for the authors</label>
          <textarea id="editor-note" rows={4} value={note} onChange={(event) => setNote(event.target.value)} />
          <div className="actions-row">
            {flags.canRequestChanges && (
              <button type="button" disabled={pending} onClick={() => run(() => requestChangesAction(postId, note), undefined, true)}>
                Request changes
              </button>
            )}
            {flags.canNote && (
              <button type="button" className="secondary" disabled={pending} onClick={() => run(() => addNoteAction(postId, note), undefined, true)}>
                Add note only
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
