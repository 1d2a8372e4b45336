"use client";
// "Restore this version" in a history table; `restore` is a server action bound to the item and version.
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";

export function RestoreRevisionButton({ restore }: { restore: () => Promise<ActionResult> }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            try {
              setResult(await restore());
            } catch {
              setResult({ ok: false, error: "The server could not be reached. Nothing was changed.", fieldErrors: {} });
            }
          })
        }
      >
        Restore this version
      </button>
      {result && <span className={result.ok ? "form-hint" : "form-error"} role="status">{result.ok ? result.message : result.error}</span>}
    </>
  );
}
