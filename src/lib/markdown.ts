// The one markdown pipeline: posts, previews, comments, emails and feeds all render through here.
//
// Raw HTML: posts DROP it (the text between tags survives, the tags do not); comments SHOW it as
// literal text, so a commenter sees exactly what they typed. Either way no author-written tag ever
// reaches the output, and rehype-sanitize (an explicit allow-list below) runs on every tree after
// markdown has been turned into HTML, so nothing the parser produces can carry script either.
// Processors are built once at module load; `processSync` on them is cheap per call.
import type { Element, Root as HastRoot } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import type { Link, List, ListItem, Nodes as MdastNodes, PhrasingContent, Root as MdastRoot, Text } from "mdast";
import type { Handler } from "mdast-util-to-hast";
import { findAndReplace, type RegExpMatchObject } from "mdast-util-find-and-replace";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { toString as mdastToString } from "mdast-util-to-string";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import rehypeSanitize, { type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype, { defaultHandlers } from "remark-rehype";
import { unified, type Processor } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { HANDLE, HASHTAG, handleUrl, hashtagUrl, startsAWord } from "./social-mentions";
import { withoutControlCharacters } from "@/lib/control-characters";
import { isPlaceholderUrl, placeholderFileName } from "@/lib/image-placeholders";
import { limitMarkdownSyntax, restoreHtml, restoreText } from "@/lib/markdown-limits";
import { decodeOrKeep } from "@/lib/percent-encoding";
import { remarkTableCellBreaks } from "@/lib/table-cell-breaks";

export type RenderedPost = { html: string; excerpt: string; readingMinutes: number };

const CLOBBER_PREFIX = "user-content-";
const EXCERPT_LENGTH = 200;
const WORDS_PER_MINUTE = 230;

// ---------- sanitize schemas ----------

const SAFE_LINK_PROTOCOLS = ["http", "https", "mailto"];

/** Everything the post pipeline itself produces, and nothing else. */
export const postSanitizeSchema: SanitizeSchema = {
  tagNames: [
    "a", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "h5", "h6", "hr", "img", "input",
    "li", "ol", "p", "pre", "section", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
  ],
  attributes: {
    a: ["href", "title", "ariaDescribedBy", "ariaLabel", "dataFootnoteRef", "dataFootnoteBackref",
      ["className", "data-footnote-backref"]],
    img: ["src", "alt", "title"],
    code: [["className", /^language-[\w-]+$/]],
    h2: [["className", "footnotes-label"]],
    input: [["type", "checkbox"], ["disabled", true], "checked"],
    li: [["className", "task-list-item"]],
    ol: ["start", ["className", "contains-task-list"]],
    ul: [["className", "contains-task-list"]],
    section: ["dataFootnotes", ["className", "footnotes"]],
    td: ["align"],
    th: ["align"],
    "*": ["id"],
  },
  required: { input: { type: "checkbox", disabled: true } },
  protocols: { href: SAFE_LINK_PROTOCOLS, src: ["http", "https"] },
  ancestors: { tbody: ["table"], td: ["table"], th: ["table"], thead: ["table"], tr: ["table"] },
  clobber: ["ariaDescribedBy", "ariaLabelledBy", "id", "name"],
  clobberPrefix: CLOBBER_PREFIX,
  strip: ["script", "style"],
  allowComments: false,
  allowDoctypes: false,
};

/** Comments: paragraphs, line breaks, links, emphasis and blockquotes. */
export const commentSanitizeSchema: SanitizeSchema = {
  tagNames: ["a", "blockquote", "br", "em", "p", "strong"],
  attributes: { a: ["href"] },
  protocols: { href: SAFE_LINK_PROTOCOLS },
  clobber: [],
  strip: ["script", "style"],
  allowComments: false,
  allowDoctypes: false,
};

// ---------- remark plugins ----------

function xLink(url: string, text: string): Link {
  return { type: "link", url, title: null, children: [{ type: "text", value: text }] };
}

/** `@handle` → the X profile, `#tag` → the X hashtag page; never inside code or an existing link. */
function remarkSocialLinks() {
  return (tree: MdastRoot) => {
    findAndReplace(
      tree,
      [
        [HANDLE, (whole: string, handle: string, match: RegExpMatchObject) =>
          startsAWord(match.input, match.index) ? xLink(handleUrl(handle), whole) : false],
        [HASHTAG, (whole: string, tag: string, match: RegExpMatchObject) =>
          startsAWord(match.input, match.index) ? xLink(hashtagUrl(tag), whole) : false],
      ],
      { ignore: ["link", "linkReference", "inlineCode", "code", "definition", "html"] },
    );
  };
}

/** The post title is the page's h1, so a `#` heading in the body becomes an h2. */
function remarkDemoteTopHeadings() {
  return (tree: MdastRoot) => {
    visit(tree, "heading", (heading) => {
      if (heading.depth === 1) heading.depth = 2;
    });
  };
}

const RAW_TEXT_ELEMENT = /^<(script|style|textarea|title|iframe|noscript|template|xmp|noembed|noframes)\b/i;

const SCRIPT_TAG = /^<(sub|sup)>$/i;

/**
 * Raw HTML in a post is dropped, and so is whatever sits between an inline <script>…</script> pair. The
 * one exception is a `<sub>`…`</sub>` or `<sup>`…`</sup>` pair around text in one paragraph (H<sub>2</sub>O,
 * E = mc<sup>2</sup>: markdown has no syntax for them), which becomes the element around that text.
 */
function remarkDropRawHtml() {
  return (tree: MdastRoot) => {
    visit(tree, (node) => {
      if (!("children" in node)) return;
      const kept: MdastNodes[] = [];
      let closing: RegExp | undefined;
      const children = node.children as MdastNodes[];
      for (let index = 0; index < children.length; index++) {
        const child = children[index];
        if (closing) {
          if (child.type === "html" && closing.test(child.value)) closing = undefined;
          continue;
        }
        const script = child.type === "html" ? SCRIPT_TAG.exec(child.value.trim())?.[1].toLowerCase() : undefined;
        const end = script ? children.findIndex((other, at) => at > index && other.type === "html" && other.value.trim().toLowerCase() === `</${script}>`) : -1;
        if (script && end !== -1) {
          // Emphasis renamed: a phrasing node whose children every text walk already reads.
          kept.push({ type: "emphasis", data: { hName: script }, children: children.slice(index + 1, end).filter((inner) => inner.type !== "html") as PhrasingContent[] });
          index = end;
          continue;
        }
        if (child.type !== "html") {
          kept.push(child);
          continue;
        }
        const opened = RAW_TEXT_ELEMENT.exec(child.value);
        if (opened && !new RegExp(`</${opened[1]}`, "i").test(child.value)) closing = new RegExp(`</${opened[1]}`, "i");
      }
      node.children = kept as never[];
    });
  };
}

/** Raw HTML becomes the literal text the commenter typed. */
function remarkHtmlAsText() {
  return (tree: MdastRoot) => {
    visit(tree, "html", (node, index, parent) => {
      if (!parent || index === undefined) return;
      const text: Text = { type: "text", value: node.value };
      parent.children.splice(index, 1, text as never);
    });
  };
}

/** A newline inside a comment paragraph is a line break, as people expect when they type one. */
function remarkSoftBreaksAsBreaks() {
  return (tree: MdastRoot) => {
    visit(tree, "text", (node, index, parent) => {
      if (!parent || index === undefined || !node.value.includes("\n")) return;
      const pieces: PhrasingContent[] = [];
      node.value.split(/\r?\n/).forEach((line, i) => {
        if (i > 0) pieces.push({ type: "break" });
        if (line) pieces.push({ type: "text", value: line });
      });
      parent.children.splice(index, 1, ...(pieces as never[]));
      return [SKIP, index + pieces.length];
    });
  };
}

/** Comments get only paragraphs, blockquotes, emphasis and links; other syntax stays literal text. */
function remarkCommentSyntax(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmAutolinkLiteral(), {
    disable: {
      null: [
        "codeFenced", "codeIndented", "codeText", "definition", "headingAtx", "htmlFlow", "htmlText",
        "labelStartImage", "list", "setextUnderline", "thematicBreak",
      ],
    },
  });
  (data.fromMarkdownExtensions ??= []).push(gfmAutolinkLiteralFromMarkdown());
}

// ---------- mdast → hast ----------

const listLooseness = new WeakMap<List, boolean>();

/**
 * mdast-util-to-hast works out whether a list is loose again for every item, over all its items: a
 * list of n items took n² steps. Here it is worked out once per list, and each item is handed a
 * stand-in list that says so at once.
 */
const listItem: Handler = (state, node, parent) => {
  if (parent?.type !== "list") return defaultHandlers.listItem(state, node as ListItem, parent);
  let loose = listLooseness.get(parent);
  if (loose === undefined) {
    loose = Boolean(parent.spread) || parent.children.some((item) => item.spread ?? item.children.length > 1);
    listLooseness.set(parent, loose);
  }
  return defaultHandlers.listItem(state, node as ListItem, { ...parent, spread: loose, children: [] });
};

// ---------- rehype plugins (run on sanitized trees: they only add fixed, safe attributes) ----------

/** Sanitizing prefixes every id; point in-page links (footnotes, anchors) at the prefixed ids. */
function rehypeFragmentLinksToPrefixedIds() {
  return (tree: HastRoot) => {
    const ids = new Set<string>();
    visit(tree, "element", (node) => {
      if (typeof node.properties.id === "string") ids.add(node.properties.id);
    });
    visit(tree, "element", (node) => {
      const href = node.properties.href;
      if (node.tagName !== "a" || typeof href !== "string" || !href.startsWith("#")) return;
      const target = CLOBBER_PREFIX + decodeOrKeep(href.slice(1));
      if (!href.slice(1).startsWith(CLOBBER_PREFIX) && ids.has(target)) node.properties.href = `#${target}`;
    });
  };
}

/** Each section heading ends with a small "#" self-link, so readers can copy a link to it. */
function rehypeHeadingSelfLinks() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node) => {
      if (!/^h[2-6]$/.test(node.tagName)) return;
      const id = node.properties.id;
      if (typeof id !== "string" || id === `${CLOBBER_PREFIX}footnote-label`) return;
      const anchor: Element = {
        type: "element",
        tagName: "a",
        properties: {
          href: `#${id}`,
          className: ["heading-anchor"],
          ariaLabel: `Link to the section “${hastToString(node).trim()}”`,
        },
        children: [{ type: "text", value: "#" }],
      };
      node.children.push({ type: "text", value: " " }, anchor);
      return SKIP;
    });
  };
}

function isExternal(href: string): boolean {
  return /^(https?:)?\/\//i.test(href);
}

function rehypeExternalLinkRel(rel: string[]) {
  return () => (tree: HastRoot) => {
    visit(tree, "element", (node) => {
      const href = node.properties.href;
      if (node.tagName === "a" && typeof href === "string" && isExternal(href)) node.properties.rel = rel;
    });
  };
}

/** The one element of `node` that shows anything (whitespace aside), if it has only one. */
function soleElement(node: Element): Element | null {
  const [only, ...rest] = node.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
  return rest.length === 0 && only?.type === "element" ? only : null;
}

/**
 * A captioned image: a paragraph holding only an image with a title (`![alt](src "caption")`, linked
 * or not: the one form the editor writes and the converters make of a figure) becomes a figure with
 * its caption.
 */
function rehypeCaptionedImageFigures() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node, index, parent) => {
      if (node.tagName !== "p" || !parent || index === undefined) return;
      const content = soleElement(node);
      const image = content?.tagName === "a" ? soleElement(content) : content;
      if (!content || image?.tagName !== "img") return;
      const caption = typeof image.properties.title === "string" ? image.properties.title.trim() : "";
      if (!caption) return;
      delete image.properties.title;
      const figcaption: Element = { type: "element", tagName: "figcaption", properties: {}, children: [{ type: "text", value: caption }] };
      parent.children.splice(index, 1, { type: "element", tagName: "figure", properties: {}, children: [content, figcaption] });
      return SKIP;
    });
  };
}

function rehypeLazyImages() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node) => {
      if (node.tagName !== "img") return;
      node.properties.alt = typeof node.properties.alt === "string" ? node.properties.alt : "";
      node.properties.loading = "lazy";
      node.properties.decoding = "async";
    });
  };
}

// ---------- processors ----------

/** Markdown → mdast with raw HTML already gone: shared by the HTML, excerpt and plain-text outputs. */
const postParser = unified().use(remarkParse).use(remarkGfm).use(remarkTableCellBreaks).use(remarkDropRawHtml).freeze();

const postHtmlProcessor = unified()
  .use(remarkSocialLinks)
  .use(remarkDemoteTopHeadings)
  .use(remarkRehype, {
    // Ids are prefixed once, by rehype-sanitize; prefixing here too would break footnote links.
    clobberPrefix: "",
    footnoteLabel: "Notes",
    footnoteLabelTagName: "h2",
    footnoteLabelProperties: { className: ["footnotes-label"] },
    footnoteBackLabel: (referenceIndex, rereferenceIndex) =>
      `Back to reference ${referenceIndex + 1}${rereferenceIndex > 1 ? `-${rereferenceIndex}` : ""}`,
    handlers: { listItem },
  })
  .use(rehypeSlug)
  .use(rehypeSanitize, postSanitizeSchema)
  .use(rehypeFragmentLinksToPrefixedIds)
  .use(rehypeHeadingSelfLinks)
  .use(rehypeExternalLinkRel(["noopener", "noreferrer"]))
  .use(rehypeCaptionedImageFigures)
  .use(rehypeLazyImages)
  .use(rehypeStringify)
  .freeze();

const commentProcessor = unified()
  .use(remarkParse)
  .use(remarkCommentSyntax)
  .use(remarkHtmlAsText)
  .use(remarkSoftBreaksAsBreaks)
  .use(remarkRehype)
  .use(rehypeSanitize, commentSanitizeSchema)
  .use(rehypeExternalLinkRel(["nofollow", "ugc", "noopener"]))
  .use(rehypeStringify)
  .freeze();

// ---------- plain text ----------

function inlineText(node: MdastNodes): string {
  if (node.type === "html") return "";
  if (node.type === "break") return "\n";
  if (node.type === "image") return node.alt ?? "";
  if (node.type === "footnoteReference") return "";
  if (node.type === "link") {
    const label = phrasing(node.children);
    return !/^https?:/i.test(node.url) || label === node.url ? label : `${label} (${node.url})`;
  }
  if ("children" in node) return phrasing(node.children as MdastNodes[]);
  return "value" in node ? node.value : "";
}

function phrasing(nodes: MdastNodes[]): string {
  return nodes.map(inlineText).join("");
}

function blockText(node: MdastNodes, listMarker = ""): string[] {
  switch (node.type) {
    case "paragraph":
    case "heading":
      return [listMarker + phrasing(node.children)];
    case "code":
      return [node.value];
    case "blockquote":
      return node.children.flatMap((child) => blockText(child)).map((block) => block.replace(/^/gm, "> "));
    case "list":
      return [
        node.children
          .map((item, i) => {
            const marker = node.ordered ? `${(node.start ?? 1) + i}. ` : "- ";
            return item.children.flatMap((child, j) => blockText(child, j === 0 ? marker : "   ")).join("\n");
          })
          .join("\n"),
      ];
    case "table":
      return [node.children.map((row) => row.children.map((cell) => phrasing(cell.children)).join(" | ")).join("\n")];
    case "thematicBreak":
      return ["* * *"];
    case "footnoteDefinition":
      return [`[${node.label ?? node.identifier}] ${node.children.flatMap((child) => blockText(child)).join(" ")}`];
    case "html":
    case "definition":
      return [];
    default:
      return [mdastToString(node)];
  }
}

// The parser slows down with the square of the number of containers opened on one line
// ("- - - - …" or "> > > …"), and deep trees overflow the stack further on. No real document
// nests more than a handful of levels, so from MAX_CONTAINER_DEPTH on the markers are escaped and
// read as text.
const MAX_CONTAINER_DEPTH = 16;
const CONTAINER_MARKER = /[ \t]{0,3}(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/y;
const THEMATIC_BREAK = /^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

function escapeDeepContainers(line: string): string {
  if (THEMATIC_BREAK.test(line)) return line;
  CONTAINER_MARKER.lastIndex = 0;
  for (let depth = 0; depth < MAX_CONTAINER_DEPTH; depth++) {
    if (!CONTAINER_MARKER.exec(line)) return line;
  }
  const at = CONTAINER_MARKER.lastIndex;
  if (!CONTAINER_MARKER.exec(line)) return line;
  return `${line.slice(0, at)}\\${line.slice(at)}`;
}

function limitContainerNesting(markdown: string): string {
  return markdown.replace(/^.+$/gm, escapeDeepContainers);
}

// Forms never store control characters (src/lib/action.ts), but imported and older text may hold
// them: every rendering (posts, comments, emails, feeds, search text) drops them here.

/**
 * The markdown with pathological structure defused (src/lib/markdown-limits.ts); ordinary documents pass
 * through unchanged. What is rendered from it goes through restoreHtml or restoreText.
 */
export function defusePathologicalMarkdown(markdown: string, syntax: "post" | "comment" = "post"): string {
  return limitMarkdownSyntax(limitContainerNesting(withoutControlCharacters(markdown)), syntax);
}

function parsePost(markdown: string): MdastRoot {
  return postParser.runSync(postParser.parse(defusePathologicalMarkdown(markdown))) as MdastRoot;
}

/** The readable text of a markdown document (for plain-text email parts, feeds and search). */
export function renderPlainText(markdown: string): string {
  return unlessTooDeep(
    () =>
      parsePost(markdown)
        .children.flatMap((node) => blockText(node))
        .filter((block) => block.trim() !== "")
        .map(restoreText)
        .join("\n\n"),
    () => markdown,
  );
}

/** The opening prose: paragraphs only, so headings, code and tables never start an excerpt. */
function proseOf(tree: MdastRoot): string {
  const paragraphs: string[] = [];
  visit(tree, (node) => {
    if (node.type === "code" || node.type === "table" || node.type === "footnoteDefinition" || node.type === "heading")
      return SKIP;
    if (node.type === "paragraph") {
      paragraphs.push(mdastToString(node, { includeImageAlt: false, includeHtml: false }));
      return SKIP;
    }
  });
  return paragraphs.join(" ");
}

/** Plain text of at most `length` characters, cut at a word boundary, with an ellipsis when cut. */
const SENTENCE_END = /[.!?…]["'”’)\]]*(?= )/g;

export function excerptOf(text: string, length = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  // The last whole sentence that fits, when it is more than half the length; else the last whole word.
  const sentenceEnd = Math.max(0, ...[...flat.slice(0, length + 1).matchAll(SENTENCE_END)].map((match) => match.index + match[0].length));
  if (sentenceEnd > length / 2) return flat.slice(0, sentenceEnd);
  const cut = flat.slice(0, length);
  const lastSpace = cut.lastIndexOf(" ");
  const atWord = lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut;
  return `${atWord.replace(/[\s,;:.!?–—-]+$/u, "")}…`;
}

/** Every word a reader reads, blocks kept apart, link targets left out. */
function wordsOf(tree: MdastRoot): string {
  const words: string[] = [];
  visit(tree, (node) => {
    if (node.type === "html") return SKIP;
    if (node.type === "text" || node.type === "inlineCode" || node.type === "code") words.push(node.value);
    if (node.type === "image" && node.alt) words.push(node.alt);
  });
  return words.join(" ");
}

export function readingMinutesFor(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}

// ---------- nesting too deep to walk ----------

const textOnlyProcessor = unified().use(rehypeStringify);

/** The text as plain paragraphs: what a document nested too deeply to render becomes. */
function inertParagraphs(markdown: string): string {
  const paragraphs: Element[] = markdown
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => ({ type: "element", tagName: "p", properties: {}, children: [{ type: "text", value: paragraph }] }));
  return paragraphs.map((paragraph) => textOnlyProcessor.stringify({ type: "root", children: [paragraph] })).join("\n");
}

/**
 * The syntax-tree tools recurse, so thousands of nested quotes or list items ("> > > > …") overflow
 * the stack. Such a document is never meant to be read as structure: show its text instead of failing.
 */
function unlessTooDeep<T>(render: () => T, fallback: () => T): T {
  try {
    return render();
  } catch (error) {
    if (error instanceof RangeError) return fallback();
    throw error;
  }
}

// ---------- entry points ----------

export function renderPostMarkdown(markdown: string): RenderedPost {
  return unlessTooDeep(
    () => {
      const tree = parsePost(markdown);
      const excerpt = excerptOf(restoreText(proseOf(tree)));
      const readingMinutes = readingMinutesFor(restoreText(wordsOf(tree)));
      const html = restoreHtml(postHtmlProcessor.stringify(postHtmlProcessor.runSync(tree)));
      return { html, excerpt, readingMinutes };
    },
    () => ({ html: inertParagraphs(markdown), excerpt: excerptOf(markdown), readingMinutes: readingMinutesFor(markdown) }),
  );
}

/**
 * What stops a text from going to the editors or to readers because of its images: a placeholder
 * still waiting for its file, an image with no description. Null when every image is ready.
 */
export function imagesNotReady(markdown: string): string | null {
  const waiting: string[] = [];
  let undescribed = 0;
  visit(parsePost(markdown), "image", (image) => {
    if (isPlaceholderUrl(image.url)) waiting.push(placeholderFileName(image.url));
    else if (!image.alt?.trim()) undescribed += 1;
  });
  const problems = [
    ...(waiting.length === 1 ? [`upload the image “${waiting[0]}” (or remove it)`] : []),
    ...(waiting.length > 1 ? [`upload the ${waiting.length} images Docket could not copy (${waiting.map((name) => `“${name}”`).join(", ")}) or remove them`] : []),
    ...(undescribed > 0 ? [`describe ${undescribed === 1 ? "the image that has" : `the ${undescribed} images that have`} no description (alt text)`] : []),
  ];
  return problems.length > 0 ? problems.join("; ") : null;
}

export function renderCommentMarkdown(markdown: string): string {
  return unlessTooDeep(
    () => restoreHtml(String(commentProcessor.processSync(defusePathologicalMarkdown(markdown, "comment")))),
    () => inertParagraphs(markdown),
  );
}
