// Image uploads: the type is read from the bytes (never the name or the browser's claim), the size
// is capped, and every image is re-encoded (which also drops metadata such as GPS positions).
import "server-only";
import { randomBytes } from "node:crypto";
import sharp, { type OutputInfo } from "sharp";
import { db } from "@/lib/db";
import { uploadsStorage } from "@/lib/storage";

export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
const MAX_WIDTH = 2000;

export type ImageKind = "jpeg" | "png" | "gif" | "webp";

export function sniffImageType(bytes: Uint8Array): ImageKind | null {
  const startsWith = (signature: number[], offset = 0) => signature.every((byte, index) => bytes[offset + index] === byte);
  if (startsWith([0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith([0x47, 0x49, 0x46, 0x38])) return "gif";
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  return null;
}

export class UnacceptableImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnacceptableImageError";
  }
}

export async function storeUploadedImage(bytes: Buffer, uploadedById: string | null): Promise<{ url: string; width: number; height: number }> {
  if (bytes.length > MAX_UPLOAD_BYTES) throw new UnacceptableImageError("The image is too large: the limit is 8 MB.");
  const kind = sniffImageType(bytes);
  if (!kind) throw new UnacceptableImageError("That file is not an image Docket accepts: use JPEG, PNG, WebP or GIF.");

  let output: { data: Buffer; info: OutputInfo };
  try {
    output = await sharp(bytes, { animated: kind === "gif" || kind === "webp", limitInputPixels: 60_000_000 })
      .rotate()
      .resize({ width: MAX_WIDTH, withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new UnacceptableImageError("That image could not be read: it may be damaged. Try saving it again as JPEG or PNG.");
  }

  const now = new Date();
  const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}/${randomBytes(12).toString("hex")}.webp`;
  await uploadsStorage().put(key, output.data, "image/webp");
  const url = `/uploads/${key}`;
  const height = output.info.pageHeight ?? output.info.height;
  await db().mediaAsset.create({
    data: { path: url, mimeType: "image/webp", width: output.info.width, height, bytes: output.data.length, uploadedById },
  });
  return { url, width: output.info.width, height };
}
