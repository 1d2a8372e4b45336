import { httpStatusOf, runCommand, toActionFailure } from "@/lib/action";
import { getCurrentUser } from "@/lib/auth";
import { uploadImage } from "@/features/media/commands";
import { MAX_UPLOAD_BODY_BYTES, readUploadForm } from "@/features/media/upload-body";

const tooLarge = () => Response.json({ error: "The image is too large: the limit is 8 MB." }, { status: 413 });

/** Uploads one image (multipart field "file"); answers { url } or { error }. */
export async function POST(request: Request) {
  // Refused before the session lookup, without reading the body.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BODY_BYTES) return tooLarge();
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Please sign in again: your session has ended." }, { status: 401 });
  try {
    const form = await readUploadForm(request);
    if (form === "too-large") return tooLarge();
    const { data: stored } = await runCommand(uploadImage, user, { file: form?.get("file") ?? null });
    return Response.json({ url: stored.url, width: stored.width, height: stored.height }, { status: 201 });
  } catch (error) {
    return Response.json({ error: toActionFailure(error).error }, { status: httpStatusOf(error) });
  }
}
