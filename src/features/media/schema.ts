import { z } from "zod";
import { MAX_PASTED_HTML_CHARACTERS } from "@/features/editor/paste-limit";

export const pastedHtmlSchema = z
  .string()
  .max(MAX_PASTED_HTML_CHARACTERS, "The pasted text is too long to convert: paste it in smaller parts.");
