"use client";
import { useState, useTransition } from "react";
import { restoreRevisionAction } from "@/features/posts/actions";
import type { ActionResult } from "@/lib/action-result";

export function RestoreButton({ postId, revisionId }: { postId: string; revisionId: string }) {
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
              setResult(await restoreRevisionAction(postId, revisionId));
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
