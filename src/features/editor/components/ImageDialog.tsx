"use client";
// Adds an image (chosen here, dropped or pasted: the upload starts at once), edits one, or gives a
// pasted placeholder its file, asking for its description (alt text, required) and an optional caption
// (the markdown image title, which readers get as the figure's caption).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import styles from "./RichTextEditor.module.css";

export type ImageRequest =
  | { kind: "new"; file: File | null; at: number | null }
  | { kind: "edit"; alt: string; title: string }
  /** A placeholder from a paste: the file named could not be copied. */
  | { kind: "upload"; fileName: string; alt: string; title: string };

type Upload = { state: "idle" } | { state: "uploading" } | { state: "done"; url: string } | { state: "failed"; error: string };

export const ACCEPTED_IMAGE_TYPES = "image/jpeg,image/png,image/webp,image/gif";

export function ImageDialog({
  request,
  uploadImage,
  onInsert,
  onUpdate,
  onClose,
}: {
  request: ImageRequest | null;
  uploadImage?: (file: File) => Promise<{ url: string }>;
  onInsert: (image: { src: string; alt: string; title: string }, at: number | null) => void;
  onUpdate: (changes: { src?: string; alt: string; title: string }) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  const [alt, setAlt] = useState("");
  const [title, setTitle] = useState("");
  const [altMissing, setAltMissing] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (request) {
      /* eslint-disable react-hooks/set-state-in-effect -- the fields start from each new request */
      setAlt(request.kind === "new" ? "" : request.alt);
      setTitle(request.kind === "new" ? "" : request.title);
      setFile(request.kind === "new" ? request.file : null);
      setUpload({ state: "idle" });
      setAltMissing(false);
      /* eslint-enable react-hooks/set-state-in-effect */
      if (!element.open) element.showModal();
    } else if (element.open) element.close();
  }, [request]);

  // A chosen file is shown at once and uploaded while the writer describes it.
  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    let current = true;
    /* eslint-disable react-hooks/set-state-in-effect -- the upload belongs to this file */
    setPreview(url);
    if (!uploadImage) setUpload({ state: "failed", error: "Images cannot be uploaded here." });
    else {
      setUpload({ state: "uploading" });
      uploadImage(file).then(
        (stored) => current && setUpload({ state: "done", url: stored.url }),
        (error: unknown) => current && setUpload({ state: "failed", error: error instanceof Error ? error.message : "The upload failed." }),
      );
    }
    /* eslint-enable react-hooks/set-state-in-effect */
    return () => {
      current = false;
      URL.revokeObjectURL(url);
    };
  }, [file, uploadImage]);

  const editing = request?.kind === "edit";
  const uploadingFor = request?.kind === "upload" ? request.fileName : null;
  const ready = editing || upload.state === "done";
  const confirm = () => {
    if (!alt.trim()) {
      setAltMissing(true);
      return;
    }
    if (editing) onUpdate({ alt: alt.trim(), title: title.trim() });
    else if (upload.state === "done" && request?.kind === "upload") onUpdate({ src: upload.url, alt: alt.trim(), title: title.trim() });
    else if (upload.state === "done" && request?.kind === "new") onInsert({ src: upload.url, alt: alt.trim(), title: title.trim() }, request.at);
  };
  const confirmOnEnter = (event: KeyboardEvent) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (ready) confirm();
  };

  return (
    <dialog ref={dialog} className={styles.dialog} aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`} className={styles.dialogTitle}>
        {editing ? "Image description and caption" : uploadingFor ? "Upload a pasted image" : "Add an image"}
      </h2>
      {uploadingFor && (
        <p className="form-hint">
          The pasted document pointed at “{uploadingFor}”, which Docket could not copy (a file on the computer it came from, or a page Docket cannot reach). Choose
          that image file to upload it. The post cannot go out until every image is uploaded or removed.
        </p>
      )}
      {!editing && !file && (
        <>
          <label htmlFor={`${id}-file`}>Choose an image (JPEG, PNG, WebP or GIF, up to 8 MB)</label>
          <input
            id={`${id}-file`}
            type="file"
            accept={ACCEPTED_IMAGE_TYPES}
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              if (chosen) setFile(chosen);
            }}
          />
        </>
      )}
      {!editing && file && preview && (
        // eslint-disable-next-line @next/next/no-img-element -- a local preview of the file being uploaded
        <img className={styles.dialogPreview} src={preview} alt="" />
      )}
      {!editing && upload.state !== "idle" && (
        <p className={upload.state === "failed" ? "form-error" : "form-hint"} role={upload.state === "failed" ? "alert" : "status"}>
          {upload.state === "uploading" ? "Uploading…" : upload.state === "done" ? "Uploaded." : upload.error}
        </p>
      )}
      <label htmlFor={`${id}-alt`}>Description for people who cannot see the image (alt text)</label>
      <input
        id={`${id}-alt`}
        type="text"
        value={alt}
        onChange={(event) => {
          setAlt(event.target.value);
          setAltMissing(false);
        }}
        onKeyDown={confirmOnEnter}
        aria-invalid={altMissing || undefined}
        aria-describedby={altMissing ? `${id}-alt-error` : undefined}
      />
      {altMissing && (
        <p className="form-error" id={`${id}-alt-error`} role="alert">
          Describe the image: readers using a screen reader hear this instead.
        </p>
      )}
      <label htmlFor={`${id}-title-field`}>Caption (optional)</label>
      <input id={`${id}-title-field`} type="text" value={title} onChange={(event) => setTitle(event.target.value)} onKeyDown={confirmOnEnter} />
      <div className={styles.dialogActions}>
        <button type="button" onClick={confirm} aria-disabled={!ready || undefined}>
          {editing || uploadingFor ? "Save" : "Insert image"}
        </button>
        <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
