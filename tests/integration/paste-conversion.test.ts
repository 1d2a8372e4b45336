// The editor's paste conversion as a command: anyone who writes may call it, a guest only so often (it
// is a server action anyone invited can send by hand), and a paste past the limit is refused with a
// message rather than converted. The time it takes is tests/integration/linear-work.test.ts's concern.
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@/lib/action";
import { InputError, UserFacingError } from "@/lib/errors";
import { convertPastedHtml, GUEST_PASTE_LIMIT } from "@/features/media/commands";
import { MAX_PASTED_HTML_CHARACTERS } from "@/features/editor/paste-limit";
import { markdownBodySchema, BODY_MAX, BODY_MAX_LINES } from "@/lib/markdown-limits";
import { createCast, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

let cast: Awaited<ReturnType<typeof createCast>>;
beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
});

describe("converting pasted HTML", () => {
  it("limits a guest's conversions, and tells them when the formatting is kept again", async () => {
    for (let paste = 0; paste < GUEST_PASTE_LIMIT.limit; paste++) {
      expect((await runCommand(convertPastedHtml, cast.GUEST, { html: "<p><b>Bold</b></p>" })).data.markdown).toBe("**Bold**\n");
    }
    const refused = await runCommand(convertPastedHtml, cast.GUEST, { html: "<p>One more</p>" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UserFacingError);
    expect((refused as Error).message).toMatch(/^You have pasted a great deal in a short time: the formatting is kept again in \d+ min\.$/);
    // Authors and editors are not limited, and one guest's limit is not another's.
    for (let paste = 0; paste <= GUEST_PASTE_LIMIT.limit; paste++) await runCommand(convertPastedHtml, cast.AUTHOR, { html: "<p>x</p>" });
  });

  it("refuses a paste longer than the limit, saying so", async () => {
    const error = await runCommand(convertPastedHtml, cast.AUTHOR, { html: "x".repeat(MAX_PASTED_HTML_CHARACTERS + 1) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe("The pasted text is too long to convert: paste it in smaller parts.");
  });
});

describe("a post's or page's text", () => {
  it("is refused past its length or its number of lines, with a message for the writer", () => {
    expect(markdownBodySchema("post").safeParse("x".repeat(BODY_MAX)).success).toBe(true);
    expect(markdownBodySchema("post").safeParse("x".repeat(BODY_MAX + 1)).error?.issues[0].message).toBe("The post is too long (at most 150,000 characters).");
    expect(markdownBodySchema("page").safeParse("x\n".repeat(BODY_MAX_LINES - 1)).success).toBe(true);
    expect(markdownBodySchema("page").safeParse("x\n".repeat(BODY_MAX_LINES)).error?.issues[0].message).toBe(
      "The page has too many lines (at most 5,000): join short lines into paragraphs.",
    );
  });
});
