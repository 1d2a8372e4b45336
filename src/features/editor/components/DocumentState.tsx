"use client";
// Above a document's fields, for posts and pages alike: whether it is saved, a published document's
// working copy, two versions after a conflicting save, and a browser copy older than the saved version.
import type { useSavedDocument } from "../use-saved-document";
import { ConflictPanel } from "./ConflictPanel";
import { WorkingCopyNotice } from "./WorkingCopyNotice";

type FieldLabels<Fields> = [keyof Fields, string][];

type Props<Fields> = {
  /** "post" or "page". */
  noun: string;
  document: ReturnType<typeof useSavedDocument<Fields>>;
  /** What readers get of a published document; null for any other. */
  live: Fields | null;
  /** Fields compared as text (title, body…), and the others, named when they differ. */
  textFields: FieldLabels<Fields>;
  otherFields: FieldLabels<Fields>;
};

const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

export function DocumentState<Fields>({ noun, document, live, textFields, otherFields }: Props<Fields>) {
  const { fields, conflict, saveState, localCopyChoice } = document;
  const differing = (a: Fields, b: Fields) => otherFields.filter(([key]) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).map(([, label]) => label);
  return (
    <>
      <p className={`save-state save-${saveState.kind}`} role="status" aria-live="polite">
        {saveState.message}
      </p>
      {live && (
        <WorkingCopyNotice
          pending={document.pending}
          differences={textFields.map(([key, label]) => ({ label, before: text(live[key]), after: text(fields[key]) }))}
          otherDifferences={differing(live, fields)}
        />
      )}
      {conflict && (
        <ConflictPanel
          noun={noun}
          theirs={conflict.theirs}
          fields={textFields.map(([key, label]) => ({ label, mine: text(fields[key]), theirs: text(conflict.theirs.fields[key]) }))}
          otherDifferences={differing(fields, conflict.theirs.fields)}
          onKeepMine={() => void document.resolveConflict.keepMine()}
          onTakeTheirs={document.resolveConflict.takeTheirs}
        />
      )}
      {localCopyChoice && (
        <div className="form-notice local-conflict" role="alert">
          <p>
            This browser has changes from {new Date(localCopyChoice.changedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })} that were never
            saved, but the {noun} has been saved since (elsewhere, or by someone else). The saved version is shown.
          </p>
          <button type="button" onClick={localCopyChoice.use}>
            Use this browser&rsquo;s changes instead
          </button>{" "}
          <button type="button" className="secondary" onClick={localCopyChoice.dismiss}>
            Keep the saved version
          </button>
        </div>
      )}
    </>
  );
}
