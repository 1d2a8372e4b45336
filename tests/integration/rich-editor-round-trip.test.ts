// @vitest-environment jsdom
// The rich-text editor must not change a post by opening it: markdown → editor document → markdown
// gives the text back, or its normal form (rich-text-engine.ts), which readers see identically and
// which the editor leaves as it is.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoPosts } from "@/features/demo-content/content";
import { renderPostMarkdown } from "@/lib/markdown";
import { createRichTextEngine, type RichTextEngine } from "@/features/editor/rich-text-engine";

const ignore = () => {};
const engines: RichTextEngine[] = [];
afterAll(async () => {
  for (const engine of engines) await engine.destroy();
});

async function roundTrip(markdown: string): Promise<string> {
  const root = document.createElement("div");
  document.body.append(root);
  const engine = await createRichTextEngine(root, markdown, {}, {
    onDocumentChange: ignore,
    onFormatState: ignore,
    onLinkShortcut: ignore,
    onToolbarShortcut: ignore,
    onTableEscape: ignore,
    onImageFiles: ignore,
    onPasteHtml: () => false,
  });
  engines.push(engine);
  return engine.markdown();
}

/** The one normal-form rule the demo posts meet: table delimiter rows are written `| :- | -: |`. */
function withNormalTableDelimiters(markdown: string): string {
  return markdown.replace(/^\|(?:\s*:?-+:?\s*\|)+$/gm, (row) =>
    `| ${row
      .slice(1, -1)
      .split("|")
      .map((cell) => {
        const trimmed = cell.trim();
        return `${trimmed.startsWith(":") ? ":" : ""}-${trimmed.endsWith(":") && trimmed.length > 1 ? ":" : ""}`;
      })
      .join(" | ")} |`,
  );
}

describe("markdown round trip through the rich-text editor", () => {
  it("has demo posts to check, some with tables and footnotes", () => {
    expect(demoPosts.length).toBeGreaterThan(10);
    expect(demoPosts.some((post) => /^\|/m.test(post.body))).toBe(true);
    expect(demoPosts.some((post) => /\[\^\w+\]:/.test(post.body))).toBe(true);
  });

  it.each(demoPosts.map((post) => [post.slug, post.body]))("gives back the demo post %s unchanged, or in normal form", async (_slug, body) => {
    const written = await roundTrip(body);
    expect(written).toBe(withNormalTableDelimiters(body));
    expect(await roundTrip(written)).toBe(written);
    expect(renderPostMarkdown(written)).toEqual(renderPostMarkdown(body));
  });

  const everything = `# A first-level heading

Text with *emphasis*, _emphasis too_, **strong**, __strong too__, ~~struck~~, \`code\`, a [link](https://example.org/a "Its title")
and a [reference link][ref] on a second line. Thanks to @MiriamAtDocket. #OpenJustice

![A cell door, half open](/uploads/2025/01/door.webp "The door at HMP Example")

![No caption](https://example.org/picture.png)

Setext heading
--------------

1. one
2. two
   - nested
   - nested again

5. starts at five

A hard break  
and a backslash one\\
end. Escaped: \\*not emphasis\\*, 5 \\* 3, a_b_c.

> A quote
>
> - with a list

\`\`\`ts
const answer = 42;
\`\`\`

***

| Left | Centre | Right | Plain |
|:-----|:------:|------:|-------|
| a | **b** | [c](https://example.org/c) | d |

- [ ] a task
- [x] a done task

A note.[^1] Another.[^two]

[^1]: The first note.

[^two]: The second note, with **bold**.

    And a second paragraph.

[ref]: https://example.org/ref "Ref title"`;

  it("keeps headings, emphasis, links, images with alt text and captions, lists, quotes, code, tables, tasks and footnotes", async () => {
    const written = await roundTrip(everything);
    expect(await roundTrip(written)).toBe(written);
    expect(renderPostMarkdown(written)).toEqual(renderPostMarkdown(everything));
    expect(written).toContain('![A cell door, half open](/uploads/2025/01/door.webp "The door at HMP Example")');
    expect(written).toContain("![No caption](https://example.org/picture.png)\n");
    expect(written).toContain("[^two]: The second note, with **bold**.\n\n    And a second paragraph.");
    // The documented normal form: inline links, `#` headings, `---` rules, padded delimiter rows.
    expect(written).toContain('[reference link](https://example.org/ref "Ref title")');
    expect(written).toContain("## Setext heading");
    expect(written).toContain("\n---\n");
    expect(written).toContain("| :- | :-: | -: | - |");
  });

  // What the HTML converter gives for pasted documents and WordPress posts goes into the editor as it is.
  const fixtureDirectories = ["paste", "wordpress-content"].map((name) => path.resolve(import.meta.dirname, "../fixtures", name));
  const converted = fixtureDirectories.flatMap((directory) =>
    readdirSync(directory)
      .filter((file) => file.endsWith(".md"))
      .map((file) => [`${path.basename(directory)}/${file}`, readFileSync(path.join(directory, file), "utf8").replace(/\n$/, "")]),
  );

  it("has converted documents to check", () => {
    expect(converted.length).toBeGreaterThanOrEqual(8);
  });

  it.each(converted)("gives back the converter's markdown for %s unchanged", async (_name, markdown) => {
    expect(await roundTrip(markdown)).toBe(markdown);
  });

  it("writes an empty document as empty text", async () => {
    expect(await roundTrip("")).toBe("");
  });
});
