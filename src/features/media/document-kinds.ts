// Documents a page offers for download: which kinds Docket accepts, their limits and labels. Safe in
// the browser; telling a file's kind from its bytes is document-sniffing.ts.

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const DOCUMENT_KINDS = {
  pdf: { label: "PDF", mimeType: "application/pdf" },
  docx: { label: "Word document", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  odt: { label: "OpenDocument text", mimeType: "application/vnd.oasis.opendocument.text" },
  xlsx: { label: "Excel spreadsheet", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  pptx: { label: "PowerPoint presentation", mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  csv: { label: "CSV spreadsheet", mimeType: "text/csv" },
  txt: { label: "Text file", mimeType: "text/plain" },
} as const;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export const ACCEPTED_DOCUMENTS = "PDF, Word (.docx), OpenDocument text (.odt), Excel (.xlsx), PowerPoint (.pptx), CSV or plain text";

/** For the file picker's accept attribute. */
export const DOCUMENT_ACCEPT = Object.keys(DOCUMENT_KINDS)
  .map((extension) => `.${extension}`)
  .join(",");

export function isDocumentKind(extension: string): extension is DocumentKind {
  return Object.hasOwn(DOCUMENT_KINDS, extension);
}

/** "1.2 MB", "20 MB", "340 KB". */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A file name fit to keep: no folders, no control characters, at most 150 characters, its extension kept. */
export function cleanFileName(fileName: string, kind: DocumentKind): string {
  const base = fileName
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001F\u007F"]/g, "")
    .trim();
  const stem = base.replace(/\.[^.]*$/, "").slice(0, 140).trim() || "download";
  return `${stem}.${kind}`;
}

/** "PDF", "Word document"…, for a stored file's type. */
export function documentLabel(mimeType: string): string {
  const base = mimeType.split(";")[0].trim();
  return Object.values(DOCUMENT_KINDS).find((kind) => kind.mimeType === base)?.label ?? "File";
}
