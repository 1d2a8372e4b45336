"use server";
// Server actions for media: each hands the session and input to its command (commands.ts) through the
// one pipeline (src/lib/action.ts).
import { runAction } from "@/lib/action";
import { convertPastedHtml } from "./commands";

export async function convertPastedHtmlAction(html: string) {
  return runAction(convertPastedHtml, { html });
}
