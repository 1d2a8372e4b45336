// What the upload routes answered, for the browser: images (/api/uploads), page documents, the
// WordPress import and the backup restore. A reply that is not Docket's JSON came from something in
// between (a size or header limit of the web server or a proxy): it still gets a message that says
// what happened.

export type UploadAnswer = { location?: string; message?: string; error?: string; fieldErrors?: Record<string, string> };

/** `tooLargeHint` is added to the message for a file over the server's limit (what to do instead). */
export async function readUploadAnswer<Extra extends object = object>(response: Response, tooLargeHint = ""): Promise<UploadAnswer & Partial<Extra>> {
  if (response.headers.get("content-type")?.includes("application/json")) return (await response.json()) as UploadAnswer & Partial<Extra>;
  const error =
    response.status === 413
      ? `The file is larger than the server accepts (HTTP 413).${tooLargeHint ? ` ${tooLargeHint}` : ""}`
      : `The server refused the upload (HTTP ${response.status}). Nothing was changed.`;
  return { error } as UploadAnswer & Partial<Extra>;
}

/** Uploads one image; the upload route checks its type from the bytes, caps its size and re-encodes it. Failures are thrown as messages. */
export async function uploadImageFile(file: File, endpoint = "/api/uploads"): Promise<{ url: string }> {
  const body = new FormData();
  body.set("file", file);
  let response: Response;
  try {
    response = await fetch(endpoint, { method: "POST", body });
  } catch {
    throw new Error("The upload failed: the server could not be reached.");
  }
  const answer = await readUploadAnswer<{ url: string }>(response);
  if (!response.ok || !answer.url) throw new Error(answer.error ?? "The upload failed.");
  return { url: answer.url };
}
