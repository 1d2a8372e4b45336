"use client";

import Link from "next/link";

/** Shown when a page fails to render; `retry` re-renders the failed part. */
export function ErrorView({ digest, retry }: { digest?: string; retry?: () => void }) {
  return (
    <div className="error-page" role="alert">
      <p className="kicker">Something went wrong</p>
      <h1>This page could not be shown</h1>
      <p>The problem is on our side, not yours. Please try again in a moment.</p>
      <p>
        {retry && (
          <button type="button" onClick={retry} className="button-link">
            Try again
          </button>
        )}{" "}
        or go to the <Link href="/">latest posts</Link>.
      </p>
      {digest && <p className="meta">Reference for the editors: {digest}</p>}
    </div>
  );
}
