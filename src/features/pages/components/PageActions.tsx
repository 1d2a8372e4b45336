"use client";
// Publish, unpublish and delete a page. Publishing saves the editor's changes first; deleting asks again.
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { deletePageAction, publishPageAction, unpublishPageAction } from "../actions";
import type { PageActionFlags } from "../permissions";

type Props = { pageId: string; title: string; flags: PageActionFlags; status: string; saveFirst?: () => Promise<boolean> };

export function PageActions({ pageId, title, flags, status, saveFirst }: Props) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const run = (action: () => Promise<ActionResult>, save = true) =>
    startTransition(async () => {
      if (save && saveFirst && !(await saveFirst())) {
        setResult({ ok: false, error: "Fix the problems above first: the page could not be saved.", fieldErrors: {} });
        return;
      }
      try {
        setResult(await action());
      } catch {
        setResult({ ok: false, error: "The server could not be reached. Nothing was changed.", fieldErrors: {} });
      }
    });

  if (!flags.publish && !flags.unpublish && !flags.delete) {
    return status === "PUBLISHED" ? null : <p className="form-hint post-actions">When the page is ready, an editor publishes it.</p>;
  }
  return (
    <section className="post-actions" aria-label="Publishing">
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
