"use client";
// A page's downloads: the list with a remove button each, and a form to upload another document
// (POST /api/uploads/documents, which checks the file's kind from its contents and its size). The
// list is kept here rather than re-rendered from the server, which would reset the page editor above
// and lose what is typed there and not yet saved.
import { useRef, useState, useTransition } from "react";
import { ACCEPTED_DOCUMENTS, DOCUMENT_ACCEPT, documentLabel, formatFileSize, MAX_DOCUMENT_BYTES } from "@/features/media/document-kinds";
import type { ActionResult } from "@/lib/action-result";
import { readUploadAnswer } from "@/lib/upload-answer";
import { removeDownloadAction } from "../actions";
import type { PageDownloadView } from "../data";
import { DOWNLOAD_TITLE_MAX } from "../limits";

type Message = { ok: boolean; text: string };

function RemoveDownloadButton({ download, onDone }: { download: PageDownloadView; onDone: (message: Message, removed: boolean) => void }) {
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className="secondary"
      disabled={pending}
      aria-label={`Remove “${download.title}”`}
      onClick={() =>
        startTransition(async () => {
          let result: ActionResult;
          try {
            result = await removeDownloadAction(download.id);
          } catch {
            result = { ok: false, error: "The server could not be reached. Nothing was changed.", fieldErrors: {} };
          }
          onDone({ ok: result.ok, text: result.ok ? result.message : result.error }, result.ok);
        })
      }
    >
      Remove
    </button>
  );
}

type Uploaded = { downloadId: string; title: string; url: string; fileName: string; mimeType: string; bytes: number };

export function DownloadsEditor({ pageId, downloads: initialDownloads }: { pageId: string; downloads: PageDownloadView[] }) {
  const [downloads, setDownloads] = useState(initialDownloads);
  const [message, setMessage] = useState<Message | null>(null);
  const [uploading, setUploading] = useState(false);
  const [title, setTitle] = useState("");
  const fileInput = useRef<HTMLInputElement>(null);

  async function upload() {
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setMessage({ ok: false, text: "Choose a file to upload." });
      return;
    }
    if (file.size > MAX_DOCUMENT_BYTES) {
      setMessage({ ok: false, text: `The file is too large: the limit is ${formatFileSize(MAX_DOCUMENT_BYTES)}.` });
      return;
    }
    setUploading(true);
    setMessage(null);
    const body = new FormData();
    body.set("pageId", pageId);
    body.set("title", title);
    body.set("file", file);
    try {
      const response = await fetch("/api/uploads/documents", { method: "POST", body });
      const answer = await readUploadAnswer<{ download: Uploaded }>(response);
      if (!response.ok || !answer.download) {
        setMessage({ ok: false, text: answer.error ?? "The upload failed." });
      } else {
        const { downloadId, ...added } = answer.download;
        setDownloads((current) => [...current, { id: downloadId, ...added }]);
        setMessage({ ok: true, text: answer.message ?? "Added." });
        setTitle("");
        if (fileInput.current) fileInput.current.value = "";
      }
    } catch {
      setMessage({ ok: false, text: "The upload failed: the server could not be reached." });
    } finally {
      setUploading(false);
    }
  }

  return (
    <section aria-labelledby="downloads-heading" className="page-downloads-editor">
      <h2 id="downloads-heading">Downloads</h2>
      <p className="form-hint">Files readers can download from the page: {ACCEPTED_DOCUMENTS}, up to {formatFileSize(MAX_DOCUMENT_BYTES)} each.</p>
      {downloads.length === 0 ? (
        <p className="form-hint">No downloads yet.</p>
      ) : (
        <ul className="download-list">
          {downloads.map((download) => (
            <li key={download.id}>
              <a href={download.url} download={download.fileName}>
                <bdi>{download.title}</bdi>
              </a>{" "}
              <span className="form-hint">
                <bdi>{download.fileName}</bdi> · {documentLabel(download.mimeType)}, {formatFileSize(download.bytes)}
              </span>{" "}
              <RemoveDownloadButton
                download={download}
                onDone={(result, removed) => {
                  setMessage(result);
                  if (removed) setDownloads((current) => current.filter((item) => item.id !== download.id));
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <div className="admin-form">
        <label htmlFor="download-title">Title shown to readers</label>
        <input id="download-title" type="text" maxLength={DOWNLOAD_TITLE_MAX} value={title} onChange={(event) => setTitle(event.target.value)} aria-describedby="download-title-hint" />
        <p className="form-hint" id="download-title-hint">
          Like &ldquo;Guide for new contributors&rdquo;. Empty: the file&rsquo;s name.
        </p>
        <label htmlFor="download-file">File</label>
        <input id="download-file" type="file" accept={DOCUMENT_ACCEPT} ref={fileInput} disabled={uploading} />
        <div className="actions-row">
          <button type="button" disabled={uploading} onClick={() => void upload()}>
            {uploading ? "Uploading…" : "Upload and add"}
          </button>
        </div>
      </div>
      {message && (
        <p className={message.ok ? "form-notice" : "form-error"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
    </section>
  );
}
