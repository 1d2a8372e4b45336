import { readBodyCapped } from "@/lib/request-body";
import { MAX_DOCUMENT_BYTES } from "./document-kinds";
import { MAX_UPLOAD_BYTES } from "./mutations";

/** The image plus room for the multipart framing. */
export const MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

/** A document (a page's download) plus room for the framing and its other fields. */
export const MAX_DOCUMENT_BODY_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024;

/** The upload's multipart form; null when it is not one. */
export async function readUploadForm(request: Request, maxBytes = MAX_UPLOAD_BODY_BYTES): Promise<FormData | null | "too-large"> {
  const body = await readBodyCapped(request, maxBytes);
  if (body === "too-large") return body;
  return new Response(new Uint8Array(body), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData().catch(() => null);
}
