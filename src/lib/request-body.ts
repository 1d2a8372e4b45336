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
