import { runRoute } from "@/lib/action";
import { UserFacingError } from "@/lib/errors";
import { uploadImage } from "@/features/media/commands";
import { MAX_UPLOAD_BODY_BYTES, readUploadForm } from "@/features/media/upload-body";

const TOO_LARGE = "The image is too large: the limit is 8 MB.";

/** Uploads one image (multipart field "file"); answers { url } or { error }. */
export async function POST(request: Request) {
  // Refused before the session lookup, without reading the body.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BODY_BYTES) return Response.json({ error: TOO_LARGE }, { status: 413 });
  return runRoute(
    uploadImage,
    async () => {
      const form = await readUploadForm(request);
      if (form === "too-large") throw new UserFacingError(TOO_LARGE, 413);
      return { file: form?.get("file") ?? null };
    },
    { ok: ({ data }) => Response.json({ url: data.url, width: data.width, height: data.height }, { status: 201 }) },
  );
}
