// What of a post the anonymity scan reads, field by field: the body's markdown split into its text,
// its images' alt text and its captions (image titles), so a match says where it is.
import type { Nodes } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { ScanField } from "./scan";

export type ScannedPost = {
  title: string;
  standfirst: string | null;
  bodyMarkdown: string;
  coverImageAlt: string | null;
  tagNames: string[];
  authorBios: string[];
};

const BLOCKS = new Set(["paragraph", "heading", "listItem", "tableCell", "blockquote", "code", "footnoteDefinition"]);

/** Walks the markdown once: text into `body` (each block ends a line), alt text and captions aside. */
function collect(node: Nodes, body: string[], images: ScanField[]) {
  if (node.type === "image" || node.type === "imageReference") {
    if (node.alt) images.push({ field: "image alt text", text: node.alt });
    if (node.type === "image" && node.title) images.push({ field: "image caption", text: node.title });
    return;
  }
  if (node.type === "definition") {
    if (node.title) images.push({ field: "image caption", text: node.title });
    return;
  }
  if ("value" in node && typeof node.value === "string") body.push(node.value);
  if ("children" in node) for (const child of node.children) collect(child, body, images);
  if (BLOCKS.has(node.type)) body.push("\n");
}

export function bodyScanFields(markdown: string): ScanField[] {
  const body: string[] = [];
  const images: ScanField[] = [];
  collect(unified().use(remarkParse).use(remarkGfm).parse(markdown), body, images);
  return [{ field: "body", text: body.join("") }, ...images];
}

export function postScanFields(post: ScannedPost): ScanField[] {
  return [
    { field: "title", text: post.title },
    ...(post.standfirst ? [{ field: "standfirst", text: post.standfirst }] : []),
    ...bodyScanFields(post.bodyMarkdown),
    ...(post.coverImageAlt ? [{ field: "image alt text", text: post.coverImageAlt }] : []),
    ...post.tagNames.map((name) => ({ field: "tag", text: name })),
    ...post.authorBios.filter(Boolean).map((bio) => ({ field: "author's bio", text: bio })),
  ];
}
