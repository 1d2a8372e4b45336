"use client";
// Publish, update, unpublish and delete a page. Publishing and Update save the editor's changes
// first; deleting and discarding ask again.
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { EditorVersion } from "@/features/editor/saved-document";
import { DiscardChangesButton } from "@/features/editor/components/DiscardChangesButton";
import { deletePageAction, discardPageChangesAction, publishPageAction, unpublishPageAction, updatePageAction } from "../actions";
import type { PageEditorFields } from "../data";
import type { PageActionFlags } from "../permissions";

type WorkingCopy = {
  pending: boolean;
  /** The revision the editor shows: Update makes exactly this one live. */
  revisionId: () => string;
  onUpdated: (revisionId: string) => void;
  onDiscarded: (revisionId: string) => void;
  onConflict: (theirs: EditorVersion<PageEditorFields>) => void;
};

type Props = { pageId: string; title: string; flags: PageActionFlags; status: string; saveFirst?: () => Promise<boolean>; workingCopy?: WorkingCopy };

export function PageActions({ pageId, title, flags, status, saveFirst, workingCopy }: Props) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const run = <Data,>(action: () => Promise<ActionResult<Data>>, save = true, after?: (outcome: ActionResult<Data> & { ok: true }) => void) =>
    startTransition(async () => {
      if (save && saveFirst && !(await saveFirst())) {
        setResult({ ok: false, error: "Fix the problems above first: the page could not be saved.", fieldErrors: {} });
        return;
      }
      try {
        const outcome = await action();
        setResult(outcome as ActionResult);
        if (!outcome.ok && outcome.conflict && workingCopy) workingCopy.onConflict(outcome.conflict as EditorVersion<PageEditorFields>);
        if (outcome.ok) after?.(outcome);
      } catch {
        setResult({ ok: false, error: "The server could not be reached. Nothing was changed.", fieldErrors: {} });
      }
    });

  const changes = workingCopy?.pending && flags.update ? workingCopy : null;
  if (!flags.publish && !flags.unpublish && !flags.delete) {
    return status === "PUBLISHED" ? null : <p className="form-hint post-actions">When the page is ready, an editor publishes it.</p>;
  }
  return (
    <section className="post-actions" aria-label="Publishing">
      {changes && (
        <div className="actions-row">
          <button type="button" disabled={pending} onClick={() => run(() => updatePageAction(pageId, changes.revisionId()), true, (outcome) => changes.onUpdated(outcome.data.revisionId))}>
            Update
          </button>
          <DiscardChangesButton disabled={pending} onDiscard={() => run(() => discardPageChangesAction(pageId), false, (outcome) => changes.onDiscarded(outcome.data.revisionId))} />
        </div>
      )}
      <div className="actions-row">
        {flags.publish && (
          <button type="button" disabled={pending} onClick={() => run(() => publishPageAction(pageId))}>
            Publish
          </button>
        )}
        {flags.unpublish && (
          <button type="button" className="secondary" disabled={pending} onClick={() => run(() => unpublishPageAction(pageId), false)}>
            Unpublish
          </button>
        )}
        {flags.delete && !confirmingDelete && (
          <button type="button" className="secondary" disabled={pending} onClick={() => setConfirmingDelete(true)}>
            Delete this page
          </button>
        )}
      </div>
      {confirmingDelete && (
        <div className="form-notice local-conflict" role="alert">
          <p>Delete “{title}” and its downloads for good? This cannot be undone.</p>
          <button type="button" disabled={pending} onClick={() => run(() => deletePageAction(pageId), false)}>
            Yes, delete it
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setConfirmingDelete(false)}>
            Keep it
          </button>
        </div>
      )}
      {result && (
        <p className={result.ok ? "form-notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.ok ? result.message : result.error}
        </p>
      )}
    </section>
  );
}
