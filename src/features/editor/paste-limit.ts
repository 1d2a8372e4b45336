/**
 * Server actions take bodies up to 1 MB: pasted HTML longer than this is not sent for conversion
 * (the editor reads it itself, keeping what ProseMirror understands of it).
 */
export const MAX_PASTED_HTML_CHARACTERS = 900_000;
