// The scan against a fixed list of how three protected names get written, in every field a post (and
// a comment) has: none may be missed, and near-misses that are other words must not match.
import { describe, expect, it } from "vitest";
import { compileTerms, scanFields, type ScanField } from "./scan";
import { postScanFields } from "./scan-fields";

const TERMS = [
  { term: "John Smith", source: "case-a" },
  { term: "Anne-Marie O'Brien", source: "case-b" },
  { term: "Zoë Kovač", source: "pen-name" },
];

/** Each way a name may be written, by hand: case, possessives, hyphens, accents, line breaks, spacing. */
const VARIANTS: Record<string, string[]> = {
  "John Smith": ["John Smith", "JOHN SMITH", "john smith", "John Smith's", "John Smiths'", "John Smith’s", "John\nSmith", "John  \n  Smith", "John-Smith", "JohnSmith", "Jóhn Smïth", "John\tSmith", "**John Smith**", "John Smi\u00adth"],
  "Anne-Marie O'Brien": ["Anne-Marie O'Brien", "Anne Marie O'Brien", "AnneMarie OBrien", "anne-marie o’brien", "Anne–Marie O Brien", "Anne-\nMarie O'Brien", "ANNE MARIE O'BRIEN's", "Anne-Marie O'Brien’s", "Anne‐Marie O’Brien"],
  "Zoë Kovač": ["Zoë Kovač", "Zoe Kovac", "ZOE KOVAC", "Zoe\u0308 Kovac\u030c", "zoë kovač's", "Zoe-Kovac", "Zoe\r\nKovac", "ＺＯＥ ＫＯＶＡＣ"],
};

/** Other words that look alike: none of these is a protected name. */
const NEAR_MISSES = ["John Smithson", "Johnny Smith", "Jon Smith", "John Smithers", "Anne-Marie O'Briens-Hall walked", "Marie O'Brien", "Zoe Kovacs", "Kovač Zoë", "Jo hn Smith", "John Sm ith", "Annemarie Obrienne"];

const FIELDS: { name: string; place: (text: string) => ScanField[] }[] = [
  { name: "title", place: (text) => postScanFields({ ...empty, title: `On ${text} and the court` }) },
  { name: "standfirst", place: (text) => postScanFields({ ...empty, standfirst: `A note about ${text}.` }) },
  { name: "body", place: (text) => postScanFields({ ...empty, bodyMarkdown: `First paragraph.\n\nThe hearing of ${text} went ahead.\n\n- a list item` }) },
  { name: "image alt text", place: (text) => postScanFields({ ...empty, bodyMarkdown: `Before.\n\n![Photo of ${text} outside](/uploads/a.jpg)\n\nAfter.` }) },
  { name: "image caption", place: (text) => postScanFields({ ...empty, bodyMarkdown: `![A court](/uploads/a.jpg "Seen: ${text.replaceAll('"', "")}, 2024")` }) },
  { name: "image alt text", place: (text) => postScanFields({ ...empty, coverImageAlt: `Cover showing ${text}` }) },
  { name: "tag", place: (text) => postScanFields({ ...empty, tagNames: ["courts", text] }) },
  { name: "author's bio", place: (text) => postScanFields({ ...empty, authorBios: [`Writes about ${text} and others.`] }) },
  { name: "comment", place: (text) => [{ field: "comment", text: `I know ${text} personally.` }] },
];
const empty = { title: "A title", standfirst: null, bodyMarkdown: "Nothing here.", coverImageAlt: null, tagNames: [], authorBios: [] };

const matcher = compileTerms(TERMS);

describe("the anonymity scan", () => {
  for (const field of FIELDS) {
    it(`finds every variant of the three names in the ${field.name}`, () => {
      const missed: string[] = [];
      for (const [term, variants] of Object.entries(VARIANTS)) {
        for (const variant of variants) {
          const matches = scanFields(matcher, field.place(variant));
          if (!matches.some((match) => match.term === term && match.field === field.name)) missed.push(variant);
        }
      }
      expect(missed).toEqual([]);
    });
  }

  it("matches none of the near-misses in any field", () => {
    const wrong = FIELDS.flatMap((field) => NEAR_MISSES.filter((text) => scanFields(matcher, field.place(text)).length > 0).map((text) => `${field.name}: ${text}`));
    expect(wrong).toEqual([]);
  });

  it("says where each match is: the field, the exact span of the original text and an excerpt", () => {
    const text = "Reporting restrictions apply. Zoe\nKovač's neighbour said nothing.";
    const [match] = scanFields(matcher, [{ field: "body", text }]);
    expect(match).toMatchObject({ term: "Zoë Kovač", source: "pen-name", field: "body" });
    expect(text.slice(match.start, match.end)).toBe("Zoe\nKovač");
    expect(match.excerpt).toContain("Zoe Kovač's neighbour");
  });

  it("finds every occurrence, of several terms, in one pass", () => {
    const text = "John Smith met Anne Marie O'Brien; later john smith left.";
    const found = scanFields(matcher, [{ field: "body", text }]).map((match) => text.slice(match.start, match.end));
    expect(found).toEqual(["John Smith", "Anne Marie O'Brien", "john smith"]);
  });

  it("finds nothing when there are no terms, and ignores one-letter terms", () => {
    expect(scanFields(compileTerms([]), [{ field: "body", text: "John Smith" }])).toEqual([]);
    expect(scanFields(compileTerms([{ term: "J.", source: "x" }]), [{ field: "body", text: "J. was there" }])).toEqual([]);
  });

  it("finds a term that is the suffix of another (the automaton's dictionary links)", () => {
    const overlapping = compileTerms([{ term: "Mary Ann Smith", source: "a" }, { term: "Ann Smith", source: "b" }]);
    const text = "Mary Ann Smith";
    expect(scanFields(overlapping, [{ field: "title", text }]).map((match) => match.source).sort()).toEqual(["a", "b"]);
  });
});
