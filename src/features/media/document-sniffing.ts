// Telling a document's kind from its bytes (never from its name or the browser's claim alone).
import { fileTypeFromBuffer } from "file-type";
import { ACCEPTED_DOCUMENTS, DOCUMENT_KINDS, isDocumentKind, type DocumentKind } from "./document-kinds";

/** UTF-8 text with no control characters but tabs, line breaks and form feeds: a CSV or a .txt. */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

/** The kind the bytes are, or null when they are none Docket accepts. */
export async function sniffDocumentKind(bytes: Uint8Array): Promise<DocumentKind | "text" | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return isDocumentKind(detected.ext) ? detected.ext : null;
  return bytes.length > 0 && isPlainText(bytes) ? "text" : null;
}

/** The kind a file named `fileName` with these bytes is: its name and its contents must agree. */
export async function documentKindOf(fileName: string, bytes: Uint8Array): Promise<DocumentKind | { refused: string }> {
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
  if (!isDocumentKind(extension)) return { refused: `Docket accepts ${ACCEPTED_DOCUMENTS}: this file's name does not end in one of those.` };
  const sniffed = await sniffDocumentKind(bytes);
  const agrees = sniffed === extension || (sniffed === "text" && (extension === "csv" || extension === "txt"));
  if (!agrees) return { refused: `The file's name ends in .${extension}, but its contents are not in that format. Save it again as a ${DOCUMENT_KINDS[extension].label.toLowerCase()} and upload it.` };
  return extension;
}

