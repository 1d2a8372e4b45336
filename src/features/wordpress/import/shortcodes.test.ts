import { describe, expect, it } from "vitest";
import { parseShortcodeAttributes, replaceShortcodes, type ShortcodeMatch } from "./shortcodes";

function found(text: string): ShortcodeMatch[] {
  const matches: ShortcodeMatch[] = [];
  replaceShortcodes(text, (match) => {
    matches.push(match);
    return undefined;
  });
  return matches;
}

describe("shortcode attributes", () => {
  it("reads double-quoted, single-quoted, bare and positional values; names are lower-cased", () => {
    expect(parseShortcodeAttributes(` id="attachment_5" Align='alignright' width=300 "first" 'second' third`)).toEqual({
      named: { id: "attachment_5", align: "alignright", width: "300" },
      numeric: ["first", "second", "third"],
    });
  });

  it("keeps brackets-free punctuation inside quotes, treats no-break spaces as spaces, and survives an unclosed quote", () => {
    expect(parseShortcodeAttributes(`caption="Reception, ready at nine: 9 a.m." \u00a0columns="2"`)).toEqual({
      named: { caption: "Reception, ready at nine: 9 a.m.", columns: "2" },
      numeric: [],
    });
    expect(parseShortcodeAttributes(`title="never closed`)).toEqual({ named: { title: "never closed" }, numeric: [] });
    expect(parseShortcodeAttributes(`=https://www.youtube.com/watch?v=x`)).toEqual({ named: {}, numeric: ["=https://www.youtube.com/watch?v=x"] });
  });
});

describe("finding shortcodes", () => {
  it("tells single, self-closing and closed shortcodes apart", () => {
    const matches = found(`[gallery ids="1,2"] and [audio src="a.mp3" /] and [caption id="x"]<img src="a.jpg"> Text[/caption]`);
    expect(matches.map(({ shortcode }) => [shortcode.tag, shortcode.type, shortcode.content])).toEqual([
      ["gallery", "single", undefined],
      ["audio", "self-closing", undefined],
      ["caption", "closed", '<img src="a.jpg"> Text'],
    ]);
    expect(matches[0].shortcode.get("ids")).toBe("1,2");
    expect(matches[1].shortcode.get("src")).toBe("a.mp3");
    expect(matches[2].shortcode.openingTag).toBe('[caption id="x"]');
    expect(matches[2].closingTag).toBe("[/caption]");
  });

  it("ends a shortcode's content at the first closing tag of its name, with other shortcodes inside left in the content", () => {
    const [outer] = found("[box]one [note]two[/note] three[/box] after");
    expect(outer.shortcode.content).toBe("one [note]two[/note] three");
    expect(outer.text).toBe("[box]one [note]two[/note] three[/box]");
  });

  it("needs a name followed by a space, ], / or =: prose in brackets is no shortcode", () => {
    expect(found("[Note: this] [sic] [2019] [youtube=https://x.example/v]").map(({ shortcode }) => shortcode.tag)).toEqual(["sic", "youtube"]);
  });

  it("gives [[name]] back as the literal [name] and never expands it", () => {
    let calls = 0;
    const result = replaceShortcodes("like [[gallery]], and [[caption]x[/caption]] too", () => {
      calls += 1;
      return "EXPANDED";
    });
    expect(result).toBe("like [gallery], and [caption]x[/caption] too");
    expect(calls).toBe(0);
  });

  it("replaces what the caller converts and keeps the rest as written", () => {
    const result = replaceShortcodes("a [x] b [y k=1]c[/y] d [z", ({ shortcode }) => (shortcode.tag === "y" ? `<${shortcode.get("k")}:${shortcode.content}>` : undefined));
    expect(result).toBe("a [x] b <1:c> d [z");
  });

  it("does not take a bracket that opens inside another tag's attributes", () => {
    expect(found("[a [b]").map(({ shortcode }) => shortcode.tag)).toEqual(["b"]);
  });
});
