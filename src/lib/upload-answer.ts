// What the admin's upload routes (WordPress import, backup restore) answered, for the browser. A
// reply that is not Docket's JSON came from something in between (a size or header limit of the
// web server or a proxy): it still gets a message that says what happened.

export type UploadAnswer = { location?: string; message?: string; error?: string; fieldErrors?: Record<string, string> };

export async function readUploadAnswer(response: Response): Promise<UploadAnswer> {
  if (response.headers.get("content-type")?.includes("application/json")) return (await response.json()) as UploadAnswer;
  if (response.status === 413) return { error: "The file is larger than the server accepts (HTTP 413). Use the command line for a file this size." };
  return { error: `The server refused the upload (HTTP ${response.status}). Nothing was changed.` };
}
