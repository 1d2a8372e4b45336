// @vitest-environment jsdom
// The editing operations behind the toolbar and the paste, on the engine itself (the cursor starts at
// the beginning of the document).
import { afterEach, describe, expect, it } from "vitest";
import { createRichTextEngine, type RichTextEngine } from "./rich-text-engine";

// jsdom has no layout: ProseMirror's scrolling into view asks ranges for rectangles.
Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
Range.prototype.getBoundingClientRect = () => new DOMRect();

let engine: RichTextEngine | null = null;
let changes = 0;
afterEach(async () => {
  await engine?.destroy();
  engine = null;
});

async function editorWith(markdown: string): Promise<RichTextEngine> {
  changes = 0;
  const root = document.createElement("div");
  document.body.append(root);
  engine = await createRichTextEngine(root, markdown, { "aria-label": "Text" }, {
    onDocumentChange: () => changes++,
    onFormatState: () => {},
    onLinkShortcut: () => {},
    onToolbarShortcut: () => {},
    onTableEscape: () => {},
    onImageFiles: () => {},
    onPasteHtml: () => false,
  });
  return engine;
}

describe("rich-text engine", () => {
  it("keeps a line break in a table cell as <br>, and a table row on one line", async () => {
    const table = "| Area | Offices |\n| - | - |\n| North<br>(two offices) | • Leeds<br>• York |";
    const editor = await editorWith(table);
    // Shown as line breaks in the cell, not as the tag's text.
    expect([...document.querySelectorAll(".ProseMirror td")].map((cell) => cell.querySelectorAll("br").length)).toEqual([1, 1]);
    expect(document.querySelector('.ProseMirror [data-type="html"]')).toBeNull();
    expect(editor.markdown()).toBe(table);
    editor.insertText("x");
    expect(editor.markdown()).toBe("| xArea | Offices |\n| - | - |\n| North<br>(two offices) | • Leeds<br>• York |");
  });

  it("asks for the images a paste left without their file or a description", async () => {
    const editor = await editorWith("![A room](missing-image:clip_image002.jpg)\n\n![](/uploads/a.webp)\n\n![Fine](/uploads/b.webp)");
    expect(editor.imagesNeedingAttention().map(({ alt, placeholder }) => ({ alt, placeholder }))).toEqual([
      { alt: "A room", placeholder: "clip_image002.jpg" },
      { alt: "", placeholder: null },
    ]);
  });

  it("reports the writer's changes, not a document loaded from outside", async () => {
    const editor = await editorWith("First.");
    editor.load("| a | b |\n|:--|--:|\n| 1 | 2 |");
    expect(changes).toBe(0);
    expect(editor.markdown()).toBe("| a | b |\n| :- | -: |\n| 1 | 2 |");
    editor.insertText("x");
    expect(changes).toBe(1);
  });

  it("renumbers pasted footnotes that would clash and puts their text at the end", async () => {
    const editor = await editorWith("A claim.[^1]\n\n[^1]: The existing note.");
    editor.insertMarkdown("Pasted text.[^1] And more.[^n]\n\n[^1]: The pasted note.\n\n[^n]: A named one.");
    expect(editor.markdown()).toBe(
      "Pasted text.[^2] And more.[^n]A claim.[^1]\n\n[^1]: The existing note.\n\n[^2]: The pasted note.\n\n[^n]: A named one.",
    );
  });

  it("pastes blocks as blocks", async () => {
    const editor = await editorWith("");
    editor.insertMarkdown("## Pasted heading\n\n- one\n- two");
    expect(editor.markdown()).toBe("## Pasted heading\n\n- one\n- two");
  });

  it("adds a numbered footnote with its text at the end, the cursor in it", async () => {
    const editor = await editorWith("A claim.\n\n[^1]: Taken.");
    editor.run("footnote");
    editor.insertText("The source.");
    expect(editor.markdown()).toBe("[^2]A claim.\n\n[^1]: Taken.\n\n[^2]: The source.");
  });

  it("inserts a link with its text, and what is typed next is not part of it", async () => {
    const editor = await editorWith("after");
    editor.setLink("https://example.org/advice", "Advice");
    editor.insertText(" and ");
    expect(editor.markdown()).toBe("[Advice](https://example.org/advice) and after");
    expect(editor.linkAtSelection()).toEqual({ href: "", text: "", editing: false });
  });

  it("toggles headings, lists and quotes from the toolbar", async () => {
    const editor = await editorWith("Words");
    editor.run("heading");
    expect(editor.markdown()).toBe("## Words");
    editor.run("subheading");
    expect(editor.markdown()).toBe("### Words");
    editor.run("subheading");
    editor.run("bulletList");
    expect(editor.markdown()).toBe("- Words");
    editor.run("orderedList");
    expect(editor.markdown()).toBe("1. Words");
    editor.run("orderedList");
    editor.run("quote");
    expect(editor.markdown()).toBe("> Words");
    editor.run("quote");
    expect(editor.markdown()).toBe("Words");
  });

  it("gives an image a paragraph of its own, with its description and caption", async () => {
    const editor = await editorWith("Some text.");
    editor.insertImage({ src: "/uploads/2026/01/a.webp", alt: "A cell door", title: "The door" }, null);
    editor.insertImage({ src: "/uploads/2026/01/b.webp", alt: "A corridor", title: "" }, null);
    expect(editor.markdown()).toBe('Some text.\n\n![A cell door](/uploads/2026/01/a.webp "The door")\n\n![A corridor](/uploads/2026/01/b.webp)');
  });

  it("inserts a table with the cursor in its first cell", async () => {
    const editor = await editorWith("");
    editor.run("table");
    editor.insertText("Need");
    expect(editor.markdown()).toMatch(/^\| Need \| +\| +\|\n\| :- \| :- \| :- \|/);
  });
});
