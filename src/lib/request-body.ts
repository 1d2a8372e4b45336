import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { InputError } from "@/lib/errors";

/**
 * A request's body, or "too-large" as soon as it passes `maxBytes`. A chunked body declares no length
 * up front, so the limit is enforced while reading.
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<Buffer | "too-large"> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return "too-large";
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return "too-large";
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks);
}

/**
 * Writes an uploaded body to `file` as it arrives (an export or a backup may be far larger than memory).
 * Throws InputError with `messages.tooLarge` past `maxBytes`, `messages.empty` for nothing, and a plain
 * "did not arrive whole" when the upload stopped part-way; the file is removed then. Returns its size.
 */
export async function saveBodyToFile(body: ReadableStream<Uint8Array>, file: string, maxBytes: number, messages: { tooLarge: string; empty: string }): Promise<number> {
  let size = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > maxBytes ? new InputError(messages.tooLarge) : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), cap, createWriteStream(file));
  } catch (error) {
    await rm(file, { force: true });
    throw error instanceof InputError ? error : new InputError("The upload did not arrive whole: try again.");
  }
  if (size === 0) {
    await rm(file, { force: true });
    throw new InputError(messages.empty);
  }
  return size;
}

/** A percent-encoded request header (a file name, the category map), decoded; InputError when its encoding is broken. */
export function decodedHeader(request: Request, name: string, fallback: string): string {
  const value = request.headers.get(name);
  if (value === null) return fallback;
  try {
    return decodeURIComponent(value);
  } catch {
    throw new InputError(`The ${name} header is not valid percent-encoding (as encodeURIComponent writes it).`);
  }
}
