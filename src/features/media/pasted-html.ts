// The RichTextEditor's `onPasteHtml` for the admin: conversion on the server (images copied to uploads
// or turned into placeholders), failures as messages.
import { convertPastedHtmlAction } from "./actions";

export async function pastedHtmlToMarkdown(html: string): Promise<string> {
  const result = await convertPastedHtmlAction(html).catch(() => ({ ok: false as const, error: "The server could not be reached." }));
  if (!result.ok) throw new Error(result.error);
  return result.data.markdown;
}
