// The RichTextEditor's `onUploadImage` for the admin: the upload endpoint, which checks the type
// from the bytes, caps the size and re-encodes (src/app/api/uploads). Failures become messages.
export async function uploadImage(file: File): Promise<{ url: string }> {
  const body = new FormData();
  body.set("file", file);
  let response: Response;
  try {
    response = await fetch("/api/uploads", { method: "POST", body });
  } catch {
    throw new Error("The upload failed: the server could not be reached.");
  }
  const result = (await response.json().catch(() => ({}))) as { url?: string; error?: string };
  if (!response.ok || !result.url) throw new Error(result.error ?? "The upload failed.");
  return { url: result.url };
}
