import { assertRole, type SessionUser } from "@/lib/auth";
import { InputError } from "@/features/editorial/command-errors";
import { storeUploadedImage, UnacceptableImageError, MAX_UPLOAD_BYTES } from "./mutations";

/** Any signed-in writer may upload images for their posts and profile. */
export async function uploadImageFor(user: SessionUser | null, file: File | null) {
  const actor = assertRole(user);
  if (!file || file.size === 0) throw new InputError("Choose an image to upload.");
  if (file.size > MAX_UPLOAD_BYTES) throw new InputError("The image is too large: the limit is 8 MB.");
  try {
    return await storeUploadedImage(Buffer.from(await file.arrayBuffer()), actor.id);
  } catch (error) {
    if (error instanceof UnacceptableImageError) throw new InputError(error.message);
    throw error;
  }
}
