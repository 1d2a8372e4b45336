"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { readUploadAnswer } from "@/lib/upload-answer";

type State = { status: "idle" | "sending" | "done" | "error"; message: string };

/** Sends the chosen file itself as the request body: a backup may be far larger than a form post allows. */
export function RestoreBackupForm() {
  const [state, setState] = useState<State>({ status: "idle", message: "" });

  async function restore(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("backup");
    if (!(file instanceof File) || file.size === 0) {
      setState({ status: "error", message: "Choose a backup file to restore." });
      return;
    }
    setState({ status: "sending", message: `Restoring ${file.name}…` });
    try {
      const response = await fetch("/api/backup/restore", { method: "POST", body: file, headers: { "content-type": "application/gzip", "x-file-name": encodeURIComponent(file.name) } });
      const answer = await readUploadAnswer(response, "Restore a file this size with npm run import:docket.")
      setState(response.ok ? { status: "done", message: answer.message ?? "Restored." } : { status: "error", message: answer.error ?? "The backup was not restored." });
    } catch {
      setState({ status: "error", message: "The upload failed: check the connection and try again." });
    }
  }

  return (
    <form className="admin-form" onSubmit={restore}>
      <p role="status" className={state.status === "error" ? "form-error" : "form-notice"} hidden={state.status === "idle"}>
        {state.message}
        {state.status === "done" ? (
          <>
            {" "}
            <Link href="/admin/sign-in">Sign in</Link>
          </>
        ) : null}
      </p>
      <label htmlFor="backup-file">Backup file (.json.gz)</label>
      <input id="backup-file" type="file" name="backup" accept=".gz,application/gzip" required />
      <button type="submit" disabled={state.status === "sending"}>
        {state.status === "sending" ? "Restoring…" : "Restore this backup"}
      </button>
    </form>
  );
}
