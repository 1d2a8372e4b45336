"use server";
// Pasted HTML (Word, Google Docs, LibreOffice, web pages) becomes markdown on the server, through
// the same converter as the WordPress import.
import { AuthorizationError, authorizeAction } from "@/lib/auth";
import { htmlToMarkdown } from "@/lib/html-to-markdown";
import { pastedHtmlSchema } from "./schema";

export type PasteConversion = { ok: true; markdown: string } | { ok: false; error: string };

/** Any signed-in writer may convert what they paste. */
export async function convertPastedHtmlAction(html: unknown): Promise<PasteConversion> {
  try {
    await authorizeAction();
    const parsed = pastedHtmlSchema.safeParse(html);
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message };
    return { ok: true, markdown: htmlToMarkdown(parsed.data) };
  } catch (error) {
    if (error instanceof AuthorizationError) return { ok: false, error: error.message };
    console.error(error);
    return { ok: false, error: "The pasted text could not be converted." };
  }
}
