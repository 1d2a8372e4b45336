"use client";
// An image chosen by uploading it (POST /api/uploads, which checks and re-encodes it): the form sends
// the stored image's address in a hidden field named `name`.
import { useState } from "react";

type Props = {
  name: string;
  label: string;
  hint?: string;
  defaultUrl: string;
  /** The form's message for this field, if the last submission was refused. */
  error?: string;
  /** How the preview is drawn: a wide logo or a small square icon. */
  previewClassName?: string;
};

export function UploadedImageField({ name, label, hint, defaultUrl, error, previewClassName = "uploaded-image-preview" }: Props) {
  const [url, setUrl] = useState(defaultUrl);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const message = uploadError ?? error;
  const inputId = `${name}-file`;

  async function upload(file: File) {
    setUploading(true);
    setUploadError(null);
    const body = new FormData();
    body.set("file", file);
    try {
      const response = await fetch("/api/uploads", { method: "POST", body });
      const result = (await response.json()) as { url?: string; error?: string };
      if (!response.ok || !result.url) setUploadError(result.error ?? "The upload failed.");
      else setUrl(result.url);
    } catch {
      setUploadError("The upload failed: the server could not be reached.");
    } finally {
      setUploading(false);
    }
  }

  return (
    <fieldset className="uploaded-image-field">
      <legend>{label}</legend>
      {hint && <p className="form-hint">{hint}</p>}
      <input type="hidden" name={name} value={url} />
      {url ? (
        // eslint-disable-next-line @next/next/no-img-element -- uploads are already resized
        <img src={url} alt={`The current ${label.toLowerCase()}`} className={previewClassName} />
      ) : (
        <p className="form-hint">None chosen.</p>
      )}
      <label htmlFor={inputId}>Upload an image (JPEG, PNG, WebP or GIF, up to 8 MB)</label>
      <input
        id={inputId}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif"
        disabled={uploading}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${name}-error` : undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void upload(file);
          event.target.value = "";
        }}
      />
      {uploading && (
        <p className="form-hint" role="status">
          Uploading…
        </p>
      )}
      {message && (
        <p className="form-error" id={`${name}-error`}>
          {message}
        </p>
      )}
      {url && (
        <button type="button" className="secondary" onClick={() => setUrl("")}>
          Remove the {label.toLowerCase()}
        </button>
      )}
    </fieldset>
  );
}
