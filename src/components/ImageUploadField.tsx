"use client";
// An image for an admin form (a series cover, a sponsor's logo, the site's logo and icon, a byline's picture): uploaded
// through /api/uploads at once, its address kept in a hidden field, with the description readers who
// cannot see it get when the image says something of its own (`altName`).
import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { FieldError, invalidField } from "@/components/FormFeedback";
import { uploadImageFile } from "@/lib/upload-answer";

type Props = {
  /** The form field names for the image's address and its alt text (none for an image that only repeats text beside it). */
  urlName: string;
  altName?: string;
  label: string;
  /** A line under the label: what the image is for, what size suits it. */
  hint?: string;
  initialUrl: string;
  initialAlt?: string;
  state: Pick<FormState, "fieldErrors">;
};

export function ImageUploadField({ urlName, altName, label, hint, initialUrl, initialAlt = "", state }: Props) {
  const [url, setUrl] = useState(initialUrl);
  const [alt, setAlt] = useState(initialAlt ?? "");
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);

  async function upload(file: File) {
    setUploadError(null);
    setUploading(true);
    try {
      setUrl((await uploadImageFile(file)).url);
    } catch (error) {
      setUploadError((error as Error).message);
    } finally {
      setUploading(false);
    }
  }

  const fileId = `${urlName}-file`;
  return (
    <fieldset className="image-field">
      <legend>{label}</legend>
      {hint && <p className="form-hint">{hint}</p>}
      {url && (
        // eslint-disable-next-line @next/next/no-img-element -- uploads are already resized
        <img src={url} alt="" className="cover-thumb" />
      )}
      <label htmlFor={fileId}>{url ? "Replace the image" : "Upload an image"} (JPEG, PNG, WebP or GIF, up to 8 MB)</label>
      <input
        id={fileId}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif"
        disabled={uploading}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void upload(file);
        }}
        {...invalidField(state, urlName)}
      />
      {uploading && <p className="form-hint" role="status">Uploading…</p>}
      {uploadError && (
        <p className="form-error" role="alert">
          {uploadError}
        </p>
      )}
      <FieldError state={state} name={urlName} />
      <input type="hidden" name={urlName} value={url} />
      {altName && (
        <>
          <label htmlFor={altName}>Image description (alt text)</label>
          <input id={altName} name={altName} type="text" value={alt} onChange={(event) => setAlt(event.target.value)} {...invalidField(state, altName)} />
          <FieldError state={state} name={altName} />
        </>
      )}
      {url && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setUrl("");
            setAlt("");
          }}
        >
          Remove the image
        </button>
      )}
    </fieldset>
  );
}
