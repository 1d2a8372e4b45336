"use client";
// Two versions of one document side by side, when a save found that someone else saved since the
// editor opened it: keep mine (saved on top of theirs), take theirs, or copy mine and reload.
import { useState } from "react";
import { formatLondonTime } from "@/lib/london-time";

export type ComparedField = { label: string; mine: string; theirs: string };

type Props = {
  /** "post" or "page". */
  noun: string;
  theirs: { savedBy: string; savedAt: string; number: number };
  fields: ComparedField[];
  /** Fields that differ but are not shown as text (tags, category…). */
  otherDifferences: string[];
  onKeepMine: () => void;
  onTakeTheirs: () => void;
};

export function ConflictPanel({ noun, theirs, fields, otherDifferences, onKeepMine, onTakeTheirs }: Props) {
  const [copyProblem, setCopyProblem] = useState(false);
  const shown = fields.filter((field) => field.mine !== field.theirs);
  const mineAsText = fields.map((field) => `${field.label}:\n${field.mine}`).join("\n\n");

  async function copyMineAndReload() {
    try {
      await navigator.clipboard.writeText(mineAsText);
    } catch {
      // The clipboard is not available: show the text to copy by hand, and do not reload.
      setCopyProblem(true);
      return;
    }
    // The browser keeps its own copy too: after the reload it is offered beside the saved version.
    window.location.reload();
  }

  return (
    <section className="conflict-panel" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">Two versions of this {noun}</h2>
      <p>
        {theirs.savedBy} saved version {theirs.number} at {formatLondonTime(new Date(theirs.savedAt), "medium")}, after you opened the {noun}. Your
        changes are not lost: they are below and in this browser. Choose what to keep.
      </p>
      <div className="conflict-columns">
        {(
          [
            ["Yours (not saved yet)", "mine"],
            [`Saved by ${theirs.savedBy}`, "theirs"],
          ] as const
        ).map(([heading, side]) => (
          <div key={side}>
            <h3>{heading}</h3>
            {shown.map((field) => (
              <div key={field.label} className="conflict-field">
                <p className="field-label">{field.label}</p>
                <pre className="conflict-text">{field[side] || "(empty)"}</pre>
              </div>
            ))}
          </div>
        ))}
      </div>
      {otherDifferences.length > 0 && <p className="form-hint">The versions also differ in: {otherDifferences.join(", ")}.</p>}
      <div className="actions-row">
        <button type="button" onClick={onKeepMine}>
          Keep mine
        </button>
        <button type="button" className="secondary" onClick={onTakeTheirs}>
          Take theirs
        </button>
        <button type="button" className="secondary" onClick={() => void copyMineAndReload()}>
          Copy mine and reload
        </button>
      </div>
      {copyProblem && (
        <>
          <label htmlFor="conflict-copy">This browser would not copy your text: select it here and copy it yourself.</label>
          <textarea id="conflict-copy" readOnly rows={8} value={mineAsText} />
        </>
      )}
    </section>
  );
}
