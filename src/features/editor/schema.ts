import { z } from "zod";

/** Server actions take bodies up to 1 MB: bigger pastes are left to the editor's own HTML reading. */
export const MAX_PASTED_HTML_CHARACTERS = 900_000;

export const pastedHtmlSchema = z
  .string()
  .max(MAX_PASTED_HTML_CHARACTERS, "The pasted text is too long to convert: paste it in smaller parts.");
