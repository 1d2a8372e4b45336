import { create as contentDisposition } from "content-disposition";
import { uploadsStorage } from "@/lib/storage";
import { isDocumentKey } from "@/lib/storage-keys";
import { findDownloadFileName } from "@/features/media/data";

/** For browsers that do not read filename*: "Guide für Gäste.pdf" → "Guide fur Gaste.pdf". */
function asciiFileName(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]/g, "_");
}

/**
 * Uploaded files. Their names never change, so browsers and proxies may keep them for a year.
 * Documents (a page's downloads, imported attachments) are always saved, never shown in the browser, under their own name.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const key = (await params).key.join("/");
  const file = await uploadsStorage().get(key);
  if (!file) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  const downloadName = isDocumentKey(key) ? ((await findDownloadFileName(`/uploads/${key}`)) ?? key.split("/").pop()!) : null;
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.bytes.length),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
      ...(downloadName ? { "content-disposition": contentDisposition(downloadName, { type: "attachment", fallback: asciiFileName(downloadName) }) } : {}),
    },
  });
}
