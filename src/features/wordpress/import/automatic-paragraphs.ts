// Classic-editor text keeps its paragraphs as blank lines and its line breaks as single newlines, and
// WordPress turns them into <p> and <br> only when the post is shown. This does the same on the parsed
// HTML (Docket's own approach, not WordPress's code): in the places that hold paragraphs (the top level,
// blockquotes, divs and other sectioning elements), each run of text and inline elements is split at
// blank lines into paragraphs, and a single newline inside a paragraph, a list item or a table cell
// becomes a line break. Block elements stay as they are; <pre>, <script>, <style> and <textarea> keep
// every newline.
import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import { toHtml } from "hast-util-to-html";
import rehypeParse from "rehype-parse";
import { unified } from "unified";

/** Elements that end a paragraph: whatever comes after them starts a new one. */
const BLOCK = new Set([
  "address", "article", "aside", "audio", "blockquote", "canvas", "caption", "col", "colgroup", "dd", "details", "dialog",
  "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
  "header", "hgroup", "hr", "iframe", "li", "main", "map", "math", "menu", "nav", "noscript", "object", "ol", "p", "pre",
  "script", "section", "select", "style", "summary", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th",
  "thead", "tr", "ul", "video",
]);

/** Where text is split into paragraphs. */
const HOLDS_PARAGRAPHS = new Set(["blockquote", "div", "section", "article", "aside", "main", "header", "footer", "nav", "details", "figure", "form", "fieldset"]);

/** Where a single newline in the text becomes a line break (paragraph-like places). */
const HOLDS_LINES = new Set(["p", "li", "dd", "dt", "td", "th", "figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "address"]);

const parser = unified().use(rehypeParse, { fragment: true }).freeze();

const BLANK_LINE = /\n[ \t]*\n\s*/;

function isBlock(node: RootContent): boolean {
  return node.type === "element" && BLOCK.has(node.tagName);
}

function text(value: string): Text {
  return { type: "text", value };
}

function element(tagName: string, children: ElementContent[]): Element {
  return { type: "element", tagName, properties: {}, children };
}

/** Single newlines in the text of these nodes (not inside pre and the like) become <br>. */
function withLineBreaks(nodes: ElementContent[]): ElementContent[] {
  const result: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type === "text" && node.value.includes("\n")) {
      node.value.split("\n").forEach((line, index) => {
        if (index > 0) result.push(element("br", []), text("\n"));
        if (line !== "") result.push(text(line));
      });
    } else {
      if (node.type === "element" && !BLOCK.has(node.tagName) && node.tagName !== "br") node.children = withLineBreaks(node.children);
      result.push(node);
    }
  }
  return result;
}

/** Leading and trailing whitespace (and the line breaks it held) off a run of inline nodes. */
function trimmed(nodes: ElementContent[]): ElementContent[] {
  const result = [...nodes];
  while (result.length > 0) {
    const first = result[0];
    if (first.type !== "text") break;
    const value = first.value.replace(/^\s+/, "");
    if (value !== "") {
      result[0] = text(value);
      break;
    }
    result.shift();
  }
  while (result.length > 0) {
    const last = result[result.length - 1];
    if (last.type !== "text") break;
    const value = last.value.replace(/\s+$/, "");
    if (value !== "") {
      result[result.length - 1] = text(value);
      break;
    }
    result.pop();
  }
  return result;
}

const isWhitespaceOnly = (nodes: ElementContent[]) => nodes.every((node) => node.type === "comment" || (node.type === "text" && node.value.trim() === ""));

/** One run of inline content, split at blank lines into paragraphs. */
function paragraphsOf(run: ElementContent[]): ElementContent[] {
  const paragraphs: ElementContent[][] = [[]];
  for (const node of run) {
    if (node.type === "text" && BLANK_LINE.test(node.value)) {
      node.value.split(BLANK_LINE).forEach((part, index) => {
        if (index > 0) paragraphs.push([]);
        if (part !== "") paragraphs[paragraphs.length - 1].push(text(part));
      });
    } else paragraphs[paragraphs.length - 1].push(node);
  }
  const result: ElementContent[] = [];
  for (const paragraph of paragraphs) {
    if (isWhitespaceOnly(paragraph)) continue;
    result.push(element("p", withLineBreaks(trimmed(paragraph))), text("\n"));
  }
  return result;
}

function addToFlow(children: ElementContent[]): ElementContent[] {
  const result: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    result.push(...paragraphsOf(run));
    run = [];
  };
  for (const child of children) {
    if (isBlock(child)) {
      flush();
      result.push(addToBlock(child as Element), text("\n"));
    } else run.push(child);
  }
  flush();
  return result;
}

function addToBlock(node: Element): Element {
  if (HOLDS_PARAGRAPHS.has(node.tagName)) node.children = addToFlow(node.children);
  else if (HOLDS_LINES.has(node.tagName)) node.children = withLineBreaks(trimmed(node.children));
  else if (!["pre", "script", "style", "textarea", "svg", "math", "template"].includes(node.tagName)) {
    node.children = node.children.map((child) => (child.type === "element" && isBlock(child) ? addToBlock(child) : child));
  }
  return node;
}

/** Classic-editor HTML with its paragraphs and line breaks made explicit. */
export function addAutomaticParagraphs(html: string): string {
  if (html.trim() === "") return "";
  const tree = parser.parse(html) as Root;
  tree.children = addToFlow(tree.children as ElementContent[]);
  return toHtml(tree);
}
