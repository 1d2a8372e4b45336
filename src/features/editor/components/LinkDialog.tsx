"use client";
// Asks for a link's address (and its text, when nothing is selected). A modal <dialog>: focus stays
// inside, Escape cancels. No <form>: the editor sits inside the post's form, so Enter is handled here.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { normalizedHref } from "../link-address";
import styles from "./RichTextEditor.module.css";

export type LinkRequest = { href: string; text: string; editing: boolean; askText: boolean };

export function LinkDialog({
  request,
  onApply,
  onRemove,
  onClose,
}: {
  request: LinkRequest | null;
  onApply: (href: string, text: string) => void;
  onRemove: () => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [href, setHref] = useState("");
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (request) {
      /* eslint-disable react-hooks/set-state-in-effect -- the fields start from each new request */
      setHref(request.href);
      setText(request.text);
      setError(null);
      /* eslint-enable react-hooks/set-state-in-effect */
      if (!element.open) element.showModal();
    } else if (element.open) element.close();
  }, [request]);

  const apply = () => {
    const normalized = normalizedHref(href);
    if (!normalized) {
      setError("Enter a web address (such as https://example.org), an email address, or a path on this site starting with /.");
      return;
    }
    onApply(normalized, text);
  };
  const submitOnEnter = (event: KeyboardEvent) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    apply();
  };

  return (
    <dialog ref={dialog} className={styles.dialog} aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`} className={styles.dialogTitle}>
        {request?.editing ? "Edit link" : "Add a link"}
      </h2>
      {request?.askText && (
        <>
          <label htmlFor={`${id}-text`}>Text to show</label>
          <input id={`${id}-text`} type="text" value={text} onChange={(event) => setText(event.target.value)} onKeyDown={submitOnEnter} autoFocus />
        </>
      )}
      <label htmlFor={`${id}-href`}>Address</label>
      <input
        id={`${id}-href`}
        type="text"
        inputMode="url"
        autoComplete="url"
        placeholder="https://"
        value={href}
        onChange={(event) => setHref(event.target.value)}
        onKeyDown={submitOnEnter}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoFocus={!request?.askText}
      />
      {error && (
        <p className="form-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className={styles.dialogActions}>
        <button type="button" onClick={apply}>
          {request?.editing ? "Update link" : "Add link"}
        </button>
        {request?.editing && (
          <button type="button" className="secondary" onClick={onRemove}>
            Remove link
          </button>
        )}
        <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
