import { isDocumentKey, uploadsStorage } from "@/lib/storage";

/** Uploaded images and documents (documents as downloads). Their names never change, so browsers and proxies may keep them for a year. */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const key = (await params).key.join("/");
  const file = await uploadsStorage().get(key);
  if (!file) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.bytes.length),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
      ...(isDocumentKey(key) ? { "content-disposition": `attachment; filename="${key.split("/").pop()}"` } : {}),
    },
  });
}
