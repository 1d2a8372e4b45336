import { runRoute } from "@/lib/action";
import { UserFacingError } from "@/lib/errors";
import { formatFileSize, MAX_DOCUMENT_BYTES } from "@/features/media/document-kinds";
import { MAX_DOCUMENT_BODY_BYTES, readUploadForm } from "@/features/media/upload-body";
import { attachPageDownload } from "@/features/pages/commands";

const TOO_LARGE = `The file is too large: the limit is ${formatFileSize(MAX_DOCUMENT_BYTES)}.`;

/** Uploads a document to a page's downloads (multipart: pageId, title, file); answers the download or { error }. */
export async function POST(request: Request) {
  // Refused before the session lookup, without reading the body.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_DOCUMENT_BODY_BYTES) return Response.json({ error: TOO_LARGE }, { status: 413 });
  return runRoute(
    attachPageDownload,
    async () => {
      const form = await readUploadForm(request, MAX_DOCUMENT_BODY_BYTES);
      if (form === "too-large") throw new UserFacingError(TOO_LARGE, 413);
      return { pageId: form?.get("pageId") ?? "", title: form?.get("title") ?? "", file: form?.get("file") ?? null };
    },
    { ok: ({ message, data }) => Response.json({ message, download: data }, { status: 201 }) },
  );
}
