// Docket's own rendering, converted back, is the markdown it came from: what pasting from a Docket
// page gives, and the check that the converter and the renderer agree on every construct the demo uses.
import type { Root } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { demoPosts } from "@/features/demo-content/content";
import { htmlToMarkdown } from "@/lib/html-to-markdown";
import { renderPostMarkdown } from "@/lib/markdown";

const rendered = (markdown: string) => renderPostMarkdown(markdown).html;

function shape(html: string): { tags: string[]; text: string } {
  const tree: Root = unified().use(rehypeParse, { fragment: true }).parse(html);
  const tags: string[] = [];
  visit(tree, "element", (node) => void tags.push(node.tagName));
  return { tags, text: hastToString(tree).replace(/\s+/g, " ") };
}

/** The one place the demo's hand-written markdown differs from the converter's normal form: `|:--|` delimiter rows. */
const inNormalForm = (markdown: string) =>
  `${markdown.trim()}\n`.replace(/^\|(?::?-+:?\|)+$/gm, (row) => `| ${row.slice(1, -1).split("|").map((cell) => cell.replace(/-+/, "-")).join(" | ")} |`);

describe.each(demoPosts.map((post) => [post.title, post.body]))("demo post %s", (_title, body) => {
  it("converts back to its own markdown, in the normal form", () => {
    expect(htmlToMarkdown(rendered(body))).toBe(inNormalForm(body));
  });

  it("renders the converted markdown to the same elements and text", () => {
    const markdown = htmlToMarkdown(rendered(body));
    expect(shape(rendered(markdown))).toEqual(shape(rendered(body)));
    expect(htmlToMarkdown(rendered(markdown))).toBe(markdown);
  });
});
