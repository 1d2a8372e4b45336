import { httpStatusOf, runCommand, toActionFailure } from "@/lib/action";
import { getCurrentUser } from "@/lib/auth";
import { expireTagsNow } from "@/lib/revalidate";
import { formatFileSize, MAX_DOCUMENT_BYTES } from "@/features/media/document-kinds";
import { MAX_DOCUMENT_BODY_BYTES, readUploadForm } from "@/features/media/upload-body";
import { attachPageDownload } from "@/features/pages/commands";

const tooLarge = () => Response.json({ error: `The file is too large: the limit is ${formatFileSize(MAX_DOCUMENT_BYTES)}.` }, { status: 413 });

/** Uploads a document to a page's downloads (multipart: pageId, title, file); answers the download or { error }. */
export async function POST(request: Request) {
  // Refused before the session lookup, without reading the body.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_DOCUMENT_BODY_BYTES) return tooLarge();
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Please sign in again: your session has ended." }, { status: 401 });
  try {
    const form = await readUploadForm(request, MAX_DOCUMENT_BODY_BYTES);
    if (form === "too-large") return tooLarge();
    const outcome = await runCommand(attachPageDownload, user, {
      pageId: form?.get("pageId") ?? "",
      title: form?.get("title") ?? "",
      file: form?.get("file") ?? null,
    });
    expireTagsNow([...(outcome.tags ?? [])]);
    return Response.json({ message: outcome.message, download: outcome.data }, { status: 201 });
  } catch (error) {
    return Response.json({ error: toActionFailure(error).error }, { status: httpStatusOf(error) });
  }
}
