// Pasted HTML (Word, Google Docs, LibreOffice, web pages) becomes markdown on the server, through the
// same converter as the WordPress import, as a command (src/lib/action.ts). The conversion takes time in
// proportion to what is pasted (at most MAX_PASTED_HTML_CHARACTERS); a guest's conversions are
// rate-limited like the site's other writes by people it does not yet trust.
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { UserFacingError } from "@/lib/errors";
import { htmlToMarkdown } from "@/lib/html-to-markdown";
import { consumeRateLimit } from "@/lib/rate-limit";
import { pastedHtmlSchema } from "./schema";

/** Conversions a guest author may ask for in a window: far more than pasting a draft together takes. */
export const GUEST_PASTE_LIMIT = { limit: 60, windowSeconds: 600 };

export const convertPastedHtml = defineCommand({
  access: "posts.write",
  input: z.object({ html: pastedHtmlSchema }),
  async run({ html }, actor) {
    if (actor.role === "GUEST") {
      const { allowed, retryAfterSeconds } = await consumeRateLimit(`paste:user:${actor.id}`, GUEST_PASTE_LIMIT);
      if (!allowed) throw new UserFacingError(`You have pasted a great deal in a short time: the formatting is kept again in ${Math.ceil(retryAfterSeconds / 60)} min.`);
    }
    return { message: "Converted.", data: { markdown: htmlToMarkdown(html) } };
  },
});
