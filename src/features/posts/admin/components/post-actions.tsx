"use client";
// Lifecycle buttons for one post. Which appear comes from the server's permission checks, and the
// server checks again when any of them is pressed.
import { useState, useTransition } from "react";
import {
  addNoteAction,
  publishPostAction,
  requestChangesAction,
  schedulePostAction,
  submitPostAction,
  unpublishPostAction,
} from "@/features/posts/actions";
import type { ActionResult } from "@/lib/action-result";
import type { PostActionFlags } from "@/features/posts/permissions";

type Props = { postId: string; flags: PostActionFlags; defaultScheduleLocal: string; saveFirst?: () => Promise<boolean> };

export function PostActions({ postId, flags, defaultScheduleLocal, saveFirst }: Props) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [note, setNote] = useState("");
  const [when, setWhen] = useState(defaultScheduleLocal);

  const run = (action: () => Promise<ActionResult>, clearNote = false) =>
    startTransition(async () => {
      if (saveFirst && !(await saveFirst())) {
        setResult({ ok: false, error: "Fix the problems above first: the post could not be saved.", fieldErrors: {} });
        return;
      }
      try {
        const outcome = await action();
        setResult(outcome);
        if (outcome.ok && clearNote) setNote("");
      } catch {
        setResult({ ok: false, error: "The server could not be reached. Nothing was changed; please try again.", fieldErrors: {} });
      }
    });

  const anyReview = flags.canRequestChanges || flags.canNote;
  if (!Object.values(flags).some(Boolean)) return null;

  return (
    <section className="post-actions" aria-label="Review and publishing">
      {result && (
        <p className={result.ok ? "form-notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.ok ? result.message : result.error}
        </p>
      )}
      <div className="actions-row">
        {flags.canSubmit && (
          <button type="button" disabled={pending} onClick={() => run(() => submitPostAction(postId))}>
            Submit for review
          </button>
        )}
        {flags.canPublish && (
          <button type="button" disabled={pending} onClick={() => run(() => publishPostAction(postId))}>
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
          <button type="button" disabled={pending} onClick={() => run(() => schedulePostAction(postId, when))}>
            Schedule
          </button>
        </div>
      )}
      {anyReview && (
        <div className="admin-form">
          <label htmlFor="editor-note">Feedback for the authors</label>
          <textarea id="editor-note" rows={4} value={note} onChange={(event) => setNote(event.target.value)} />
          <div className="actions-row">
            {flags.canRequestChanges && (
              <button type="button" disabled={pending} onClick={() => run(() => requestChangesAction(postId, note), true)}>
                Request changes
              </button>
            )}
            {flags.canNote && (
              <button type="button" className="secondary" disabled={pending} onClick={() => run(() => addNoteAction(postId, note), true)}>
                Add note only
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
