// An image in a document whose file Docket does not have yet: pasted from Word (a file on the writer's
// computer) or from a page it could not copy. In markdown it is an image whose address is
// `missing-image:<file name>`; the editor shows it as a box asking for the file and its description,
// and a post holding one cannot go to the editors or out to readers (imagesNotReady in markdown.ts).
export const PLACEHOLDER_SCHEME = "missing-image:";

export function placeholderUrl(fileName: string): string {
  const name = fileName.replace(/[\s()<>\\]+/g, "-").replace(/^-+|-+$/g, "") || "image";
  return `${PLACEHOLDER_SCHEME}${name}`;
}

export function isPlaceholderUrl(url: string): boolean {
  return url.toLowerCase().startsWith(PLACEHOLDER_SCHEME);
}

/** The file name a placeholder asks for. */
export function placeholderFileName(url: string): string {
  return url.slice(PLACEHOLDER_SCHEME.length);
}

/** The last part of an address: what a writer would look for on their computer. */
export function fileNameOf(address: string): string {
  const path = address.replace(/[?#].*$/, "").replace(/\\/g, "/");
  try {
    return decodeURIComponent(path.split("/").filter(Boolean).at(-1) ?? "image");
  } catch {
    return path.split("/").filter(Boolean).at(-1) ?? "image";
  }
}
