// Uploads. Images: the type is read from the bytes (never the name or the browser's claim), the size
// is capped, and every image is re-encoded (which also drops metadata such as GPS positions).
// Documents (a page's downloads): kept as sent, once their name and their bytes agree on the kind.
import "server-only";
import { randomBytes } from "node:crypto";
import sharp, { type OutputInfo } from "sharp";
import { db } from "@/lib/db";
import { uploadsStorage } from "@/lib/storage";
import { fetchPublicUrl } from "@/lib/safe-fetch";
import { cleanFileName, DOCUMENT_KINDS, formatFileSize, MAX_DOCUMENT_BYTES } from "./document-kinds";
import { documentKindOf } from "./document-sniffing";

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

function monthFolder(now: Date): string {
  return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
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

  const key = `${monthFolder(new Date())}/${randomBytes(12).toString("hex")}.webp`;
  await uploadsStorage().put(key, output.data, "image/webp");
  const url = `/uploads/${key}`;
  const height = output.info.pageHeight ?? output.info.height;
  await db().mediaAsset.create({
    data: { path: url, mimeType: "image/webp", width: output.info.width, height, bytes: output.data.length, uploadedById },
  });
  return { url, width: output.info.width, height };
}

/** How long a pasted image's server may take to answer. */
const REMOTE_IMAGE_TIMEOUT_MS = 15_000;

/**
 * An image from another site (in a paste) copied into uploads, as an upload is: fetched only from a
 * public address (every redirect checked: src/lib/safe-fetch.ts), within the upload size, its type read
 * from the bytes, re-encoded. Throws FetchRefusedError or UnacceptableImageError with the reason.
 */
export async function copyRemoteImage(address: string, uploadedById: string | null): Promise<{ url: string }> {
  const fetched = await fetchPublicUrl(address, { maxBytes: MAX_UPLOAD_BYTES, timeoutMs: REMOTE_IMAGE_TIMEOUT_MS });
  return storeUploadedImage(fetched.bytes, uploadedById);
}

export type StoredDocument = { assetId: string; url: string; fileName: string; mimeType: string; bytes: number };

/** Stores a document under uploads/documents/; refuses (UnacceptableImageError's kin) what is not one. */
export async function storeUploadedDocument(bytes: Buffer, fileName: string, uploadedById: string): Promise<StoredDocument> {
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new UnacceptableDocumentError(`The file is too large: the limit is ${formatFileSize(MAX_DOCUMENT_BYTES)}.`);
  const kind = await documentKindOf(fileName, bytes);
  if (typeof kind !== "string") throw new UnacceptableDocumentError(kind.refused);
  const key = `documents/${monthFolder(new Date())}/${randomBytes(12).toString("hex")}.${kind}`;
  const { mimeType } = DOCUMENT_KINDS[kind];
  await uploadsStorage().put(key, bytes, mimeType);
  const url = `/uploads/${key}`;
  const name = cleanFileName(fileName, kind);
  const asset = await db().mediaAsset.create({ data: { path: url, mimeType, bytes: bytes.length, fileName: name, uploadedById }, select: { id: true } });
  return { assetId: asset.id, url, fileName: name, mimeType, bytes: bytes.length };
}

export class UnacceptableDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnacceptableDocumentError";
  }
}

/** Deletes uploaded files and their records (a page's removed downloads). */
export async function deleteMediaAssets(assetIds: string[]): Promise<void> {
  if (assetIds.length === 0) return;
  const assets = await db().mediaAsset.findMany({ where: { id: { in: assetIds } }, select: { id: true, path: true } });
  await db().mediaAsset.deleteMany({ where: { id: { in: assets.map((asset) => asset.id) } } });
  for (const asset of assets) await uploadsStorage().delete(asset.path.replace(/^\/uploads\//, ""));
}
