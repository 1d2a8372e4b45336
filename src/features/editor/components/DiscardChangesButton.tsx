"use client";
// Discard changes, for a published post or page: asked again before the working copy goes.
import { useState } from "react";

export function DiscardChangesButton({ disabled, onDiscard }: { disabled: boolean; onDiscard: () => void }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="secondary" disabled={disabled} onClick={() => setConfirming(true)}>
        Discard changes
      </button>
    );
  }
  return (
    <div className="form-notice local-conflict discard-confirm" role="alert">
      <p>Discard every change readers have not seen yet? The editor goes back to the published version (the discarded text stays in the history).</p>
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          setConfirming(false);
          onDiscard();
        }}
      >
        Yes, discard the changes
      </button>{" "}
      <button type="button" className="secondary" onClick={() => setConfirming(false)}>
        Keep them
      </button>
    </div>
  );
}
