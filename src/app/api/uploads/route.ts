import { getCurrentUser } from "@/lib/auth";
import { toActionFailure } from "@/features/editorial/command-errors";
import { uploadImageFor } from "@/features/media/commands";
import { MAX_UPLOAD_BODY_BYTES, readUploadForm } from "@/features/media/upload-body";

const tooLarge = () => Response.json({ error: "The image is too large: the limit is 8 MB." }, { status: 413 });

/** Uploads one image (multipart field "file"); answers { url } or { error }. */
export async function POST(request: Request) {
  // Refused before the session lookup, without reading the body.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BODY_BYTES) return tooLarge();
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Please sign in again: your session has ended." }, { status: 403 });
  try {
    const form = await readUploadForm(request);
    if (form === "too-large") return tooLarge();
    const file = form?.get("file");
    const stored = await uploadImageFor(user, file instanceof File ? file : null);
    return Response.json({ url: stored.url, width: stored.width, height: stored.height }, { status: 201 });
  } catch (error) {
    const failure = toActionFailure(error);
    const status = error instanceof Error && error.name === "AuthorizationError" ? 403 : error instanceof Error && error.name === "InputError" ? 400 : 500;
    return Response.json({ error: failure.error }, { status });
  }
}
