import { getCurrentUser } from "@/lib/auth";
import { toActionFailure } from "@/features/editorial/command-errors";
import { uploadImageFor } from "@/features/media/commands";
import { MAX_UPLOAD_BYTES } from "@/features/media/mutations";

/** Uploads one image (multipart field "file"); answers { url } or { error }. */
export async function POST(request: Request) {
  // Refuse oversized bodies before reading them.
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) {
    return Response.json({ error: "The image is too large: the limit is 8 MB." }, { status: 413 });
  }
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Please sign in again: your session has ended." }, { status: 403 });
  try {
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    const stored = await uploadImageFor(user, file instanceof File ? file : null);
    return Response.json({ url: stored.url, width: stored.width, height: stored.height }, { status: 201 });
  } catch (error) {
    const failure = toActionFailure(error);
    const status = error instanceof Error && error.name === "AuthorizationError" ? 403 : error instanceof Error && error.name === "InputError" ? 400 : 500;
    return Response.json({ error: failure.error }, { status });
  }
}
