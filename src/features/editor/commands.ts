// Pasted HTML (Word, Google Docs, LibreOffice, web pages) becomes markdown on the server, through the
// same converter as the WordPress import, as a command (src/lib/action.ts).
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { htmlToMarkdown } from "@/lib/html-to-markdown";
import { pastedHtmlSchema } from "./schema";

export const convertPastedHtml = defineCommand({
  access: "posts.write",
  input: z.object({ html: pastedHtmlSchema }),
  // Converts text, writes nothing.
  transaction: false,
  async run({ html }) {
    return { message: "Converted.", data: { markdown: htmlToMarkdown(html) } };
  },
});
