"use client";
// A byline's picture: uploaded through /api/uploads (the one upload path), its address kept in a
// hidden field that the form sends with the rest.
import { useState } from "react";

type Props = { id: string; label: string; initialUrl: string };

export function AvatarField({ id, label, initialUrl }: Props) {
  const [avatarUrl, setAvatarUrl] = useState(initialUrl);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  async function upload(file: File) {
    setUploadError(null);
    setUploading(true);
    const body = new FormData();
    body.set("file", file);
    try {
      const response = await fetch("/api/uploads", { method: "POST", body });
      const result = (await response.json()) as { url?: string; error?: string };
      if (result.url) setAvatarUrl(result.url);
      else setUploadError(result.error ?? "The upload failed.");
    } catch {
      setUploadError("The upload failed: the server could not be reached.");
    } finally {
      setUploading(false);
    }
  }

  return (
    <>
      <label htmlFor={id}>{label}</label>
      {avatarUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- uploads are already resized
        <img src={avatarUrl} alt="" className="avatar-preview" />
      )}
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif"
        aria-describedby={uploadError ? `${id}-error` : undefined}
        onChange={(event) => event.target.files?.[0] && void upload(event.target.files[0])}
      />
      {uploading && (
        <p className="form-hint" role="status">
          Uploading…
        </p>
      )}
      {uploadError && (
        <p className="form-error" id={`${id}-error`} role="alert">
          {uploadError}
        </p>
      )}
      {avatarUrl && (
        <button type="button" className="link-button avatar-remove" onClick={() => setAvatarUrl("")}>
          Remove the picture
        </button>
      )}
      <input type="hidden" name="avatarUrl" value={avatarUrl} />
    </>
  );
}
