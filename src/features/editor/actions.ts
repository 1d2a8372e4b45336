"use server";
import { runAction } from "@/lib/action";
import { convertPastedHtml } from "./commands";

export async function convertPastedHtmlAction(html: string) {
  return runAction(convertPastedHtml, { html });
}
