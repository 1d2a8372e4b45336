import { describe, expect, it } from "vitest";
import { renderPostMarkdown } from "./markdown";
import { findSocialMentions } from "./social-mentions";

/** What the post renderer links, as [text, url] pairs in order. */
function linkedByRenderer(text: string): [string, string][] {
  const html = renderPostMarkdown(text).html;
  return [...html.matchAll(/<a href="(https:\/\/x\.com\/[^"]+)"[^>]*>([^<]*)<\/a>/g)].map((match) => [match[2], match[1]]);
}

describe("findSocialMentions", () => {
  it.each([
    "Thanks to @MiriamAtDocket for the invitation. #magistrates #OpenJustice",
    "Write to jo@example.com or see page/#top, a#b and &#35;.",
    "@first at the start, #2024 is not a tag but #year2024 is, (@inside) brackets",
    "@abc#def and #tag@handle and @toolonghandle_1234567",
    "Ünïcödé #Straße and #日本 tags",
  ])("finds what the renderer links in %j", (text) => {
    const found = findSocialMentions(text).map((mention): [string, string] => [text.slice(mention.from, mention.to), mention.url]);
    expect(found).toEqual(linkedByRenderer(text));
  });
});
