// Uploading images, as a command (src/lib/action.ts): any writer may upload for their posts and profile.
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { InputError } from "@/lib/errors";
import { storeUploadedImage, UnacceptableImageError, MAX_UPLOAD_BYTES } from "./mutations";

const CHOOSE_AN_IMAGE = "Choose an image to upload.";

export const uploadImage = defineCommand({
  access: "posts.write",
  input: z.object({
    file: z
      .instanceof(File, { message: CHOOSE_AN_IMAGE })
      .refine((file) => file.size > 0, CHOOSE_AN_IMAGE)
      .refine((file) => file.size <= MAX_UPLOAD_BYTES, "The image is too large: the limit is 8 MB."),
  }),
  async run({ file }, actor) {
    try {
      const stored = await storeUploadedImage(Buffer.from(await file.arrayBuffer()), actor.id);
      return { message: "Uploaded.", data: stored };
    } catch (error) {
      if (error instanceof UnacceptableImageError) throw new InputError(error.message);
      throw error;
    }
  },
  audit: (_input, { data }) => ({ action: "image.uploaded", entityType: "MediaAsset", entityId: data.url }),
});
