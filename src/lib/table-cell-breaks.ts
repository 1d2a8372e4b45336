// A line break inside a table cell. GFM table rows are single lines, so markdown's own line break
// (`\` and a new line) cannot appear in a cell: there the one form is `<br>`, as GitHub writes it.
// The post renderer (markdown.ts) and the editor (features/editor/rich-text-engine.ts) read `<br>` in a
// cell as a line break, and the editor and the HTML converter (html-to-markdown.ts) write a line break
// in a cell as `<br>`. Raw HTML anywhere else is still dropped.
import type { Break, Html, Root } from "mdast";
import { defaultHandlers, type Handle } from "mdast-util-to-markdown";
import { visit } from "unist-util-visit";

const BREAK_TAG = /^<br\s*\/?>$/i;

/** remark: `<br>` in a table cell becomes a line break (before raw HTML is dropped). */
export function remarkTableCellBreaks() {
  return (tree: Root) => {
    visit(tree, "html", (node: Html, index, parent) => {
      if (parent?.type !== "tableCell" || index === undefined || !BREAK_TAG.test(node.value.trim())) return;
      const lineBreak: Break = { type: "break" };
      parent.children.splice(index, 1, lineBreak);
    });
  };
}

/** remark-stringify's handler for line breaks: `<br>` in a table cell, the usual form elsewhere. */
export const breakInCellAsTag: Handle = (node, parent, state, info) => (state.stack.includes("tableCell") ? "<br>" : defaultHandlers.break(node, parent, state, info));
