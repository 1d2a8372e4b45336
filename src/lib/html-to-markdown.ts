// The one HTML → markdown converter: what an author pastes into the editor (from Word, Google Docs,
// LibreOffice or a web page) and what the WordPress import brings in both become Docket markdown here.
//
// rehype-parse → a clean-up pass over the HTML tree → rehype-remark → a tidy-up pass over the markdown
// tree → remark-gfm → remark-stringify. The clean-up turns office markup into the elements it stands
// for (Word's list paragraphs into lists, styled spans into emphasis, footnote anchors into footnotes)
// and drops what carries no meaning (styles, comments, tracked deletions, empty paragraphs). Only
// http(s), mailto and relative links and http(s) and relative images survive.
//
// The markdown is in one normal form: ATX headings starting at `##` (the post title is the page's h1),
// `-` bullets, `1.` numbers, `*emphasis*` (`_` only where `*` would be ambiguous, as inside `**…**`
// at its edge), `**strong**`, `---` rules, fenced code, GFM tables without padding to align pipes,
// `\` line breaks, `<https://…>` for links that show their own address, and `[^1]` footnotes numbered
// in reading order (a note rendered from markdown keeps its label). Whatever renderPostMarkdown makes
// of this markdown converts back to the same markdown.
import type { Element, ElementContent, Nodes as HastNodes, Parents as HastParents, Root as HastRoot } from "hast";
import type { Handle } from "hast-util-to-mdast";
import { toString as hastToString } from "hast-util-to-string";
import type {
  FootnoteDefinition,
  FootnoteReference,
  Nodes as MdastNodes,
  Parents as MdastParents,
  PhrasingContent,
  Root as MdastRoot,
  RootContent as MdastRootContent,
} from "mdast";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { toString as mdastToString } from "mdast-util-to-string";
import rehypeParse from "rehype-parse";
import rehypeRemark from "rehype-remark";
import remarkGfm from "remark-gfm";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { fileNameOf, isPlaceholderUrl, placeholderUrl } from "./image-placeholders";
import { decodeOrKeep } from "./percent-encoding";
import { breakInCellAsTag } from "./table-cell-breaks";

// ---------- reading the HTML tree ----------

type Declarations = Map<string, string>;

function styleOf(element: Element): Declarations {
  const declarations: Declarations = new Map();
  const style = element.properties.style;
  if (typeof style !== "string") return declarations;
  for (const declaration of style.split(";")) {
    const colon = declaration.indexOf(":");
    if (colon <= 0) continue;
    const value = declaration.slice(colon + 1).trim().toLowerCase().replace(/\s+/g, " ");
    declarations.set(declaration.slice(0, colon).trim().toLowerCase(), value.replace(/\s*!important$/, ""));
  }
  return declarations;
}

function classesOf(element: Element): string[] {
  const className = element.properties.className;
  return Array.isArray(className) ? className.map((name) => String(name).toLowerCase()) : [];
}

function stringProperty(element: Element, name: string): string | undefined {
  const value = element.properties[name];
  return typeof value === "string" ? value : undefined;
}

function isElement(node: HastNodes | undefined, ...tagNames: string[]): node is Element {
  return node?.type === "element" && (tagNames.length === 0 || tagNames.includes(node.tagName));
}

function element(tagName: string, children: ElementContent[] = [], properties: Element["properties"] = {}): Element {
  return { type: "element", tagName, properties, children };
}

const INVISIBLE = /^[\s\u00a0\u200b\ufeff]*$/;
const CONTENT_ELEMENTS = new Set(["img", "iframe", "video", "audio", "hr", "table", "input"]);

/** Whether an element shows anything: text that is not blank, an image, a rule, a table… */
function hasContent(node: HastNodes): boolean {
  if (node.type === "text") return !INVISIBLE.test(node.value);
  if (node.type !== "element" && node.type !== "root") return false;
  if (node.type === "element" && (CONTENT_ELEMENTS.has(node.tagName) || isFootnoteMarker(node))) return true;
  return node.children.some((child) => hasContent(child));
}

const BLOCK_ELEMENTS = new Set([
  "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
  "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
  "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

// ---------- rewriting the HTML tree ----------

/** What to do with an element: keep it (and look inside), drop it, put its children in its place, or replace it. */
type Rewrite = "keep" | "remove" | "unwrap" | ElementContent | ElementContent[];

/**
 * Walks the tree top-down, letting `decide` rewrite each element. Unwrapped children are decided in
 * turn; replacements are not decided again, but their descendants are. Each element's children are
 * rebuilt once, never spliced one by one (a splice moves every later child: a parent of n children took n² steps).
 */
function rewriteElements(parent: HastParents, decide: (element: Element, ancestors: Element[]) => Rewrite, ancestors: Element[] = []): void {
  const pending = [...(parent.children as ElementContent[])].reverse();
  const result: ElementContent[] = [];
  while (pending.length > 0) {
    const child = pending.pop()!;
    if (child.type !== "element") {
      result.push(child);
      continue;
    }
    const rewrite = decide(child, ancestors);
    if (rewrite === "remove") continue;
    if (rewrite === "unwrap") {
      for (let index = child.children.length - 1; index >= 0; index--) pending.push(child.children[index]);
    } else if (rewrite === "keep") {
      rewriteElements(child, decide, [...ancestors, child]);
      result.push(child);
    } else {
      for (const replacement of Array.isArray(rewrite) ? rewrite : [rewrite]) {
        if (replacement.type === "element") rewriteElements(replacement, decide, [...ancestors, replacement]);
        result.push(replacement);
      }
    }
  }
  parent.children = result as never[];
}

const isVisible = (node: ElementContent) => node.type === "element" || hasContent(node);

/** An element's neighbours as they stand when it is decided: the one before already rewritten, the one after not yet. */
type Neighbours = { before: () => ElementContent | undefined; after: () => ElementContent | undefined };

/** The same walk bottom-up, for rules that depend on what an element's children became. */
function rewriteElementsBottomUp(parent: HastParents, decide: (element: Element, parent: HastParents, neighbours: Neighbours) => Rewrite): void {
  const children = parent.children as ElementContent[];
  const result: ElementContent[] = [];
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    if (child.type !== "element") {
      result.push(child);
      continue;
    }
    rewriteElementsBottomUp(child, decide);
    const rewrite = decide(child, parent, {
      before: () => result.findLast(isVisible),
      after: () => {
        for (let next = index + 1; next < children.length; next++) if (isVisible(children[next])) return children[next];
      },
    });
    if (rewrite === "remove") continue;
    if (rewrite === "unwrap") result.push(...child.children);
    else if (rewrite === "keep") result.push(child);
    else result.push(...(Array.isArray(rewrite) ? rewrite : [rewrite]));
  }
  parent.children = result as never[];
}

// ---------- links and images ----------

const SAFE_SCHEMES = new Set(["http", "https", "mailto"]);

/** The URL when it is http(s), mailto (links only) or relative; undefined for javascript:, data:, file:… */
function safeUrl(raw: string, kind: "link" | "image"): string | undefined {
  // Browsers ignore control characters, tabs and newlines inside a scheme: "java\tscript:" is javascript:.
  const url = raw.replace(/[\u0000-\u0020\u007f]+/g, (run) => (/^ +$/.test(run) ? run : "")).trim();
  if (!url) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return url;
  if (!SAFE_SCHEMES.has(scheme) || (kind === "image" && scheme === "mailto")) return undefined;
  return url;
}

const TWITTER_HOST = /^(?:www\.|mobile\.)?(?:twitter|x)\.com$/i;

/** Google's redirect wrapper points at the real address; Twitter's tracking parameters are dropped. */
function withoutTracking(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (/^(?:www\.)?google\.[a-z.]+$/i.test(parsed.hostname) && parsed.pathname === "/url") {
    const target = parsed.searchParams.get("q") ?? parsed.searchParams.get("url");
    if (target && /^https?:\/\//i.test(target)) return target;
  }
  if (TWITTER_HOST.test(parsed.hostname) && /[?&](ref_src|ref_url|src)=/.test(parsed.search)) {
    for (const name of ["ref_src", "ref_url", "src"]) parsed.searchParams.delete(name);
    return parsed.toString().replace(/\?$/, "");
  }
  return url;
}

const EMBED_PAGE: [RegExp, (id: string) => string][] = [
  [/^https?:\/\/(?:www\.)?youtube(?:-nocookie)?\.com\/embed\/([\w-]+)/i, (id) => `https://www.youtube.com/watch?v=${id}`],
  [/^https?:\/\/player\.vimeo\.com\/video\/(\d+)/i, (id) => `https://vimeo.com/${id}`],
];

/** An embedded player's address as the page a reader can open. */
function embedPageUrl(src: string): string {
  for (const [pattern, page] of EMBED_PAGE) {
    const id = pattern.exec(src)?.[1];
    if (id) return page(id);
  }
  return src;
}

function linkParagraph(url: string): Element {
  return element("p", [element("a", [{ type: "text", value: url }], { href: url })]);
}

// ---------- footnotes ----------

// Marks put on the elements that stand for footnotes, read by the hast → mdast handlers below.
// Any such property already in the input is removed first, so pasted HTML cannot forge one.
const FOOTNOTE_REFERENCE = "dataDocketFootnoteReference";
const FOOTNOTE_DEFINITION = "dataDocketFootnoteDefinition";

function isFootnoteMarker(node: Element): boolean {
  return typeof node.properties[FOOTNOTE_REFERENCE] === "string" || typeof node.properties[FOOTNOTE_DEFINITION] === "string";
}


function anchorNames(node: Element): string[] {
  return [stringProperty(node, "id"), stringProperty(node, "name")].filter((name): name is string => Boolean(name));
}

/**
 * Notes are numbered in reading order, except that a note rendered from markdown (GFM's
 * `href="#user-content-fn-tools"`, as Docket renders `[^tools]`) keeps its label.
 */
function footnoteIdentifier(link: Element, taken: Set<string>, skips: Map<number, number>): string {
  const rendered = /^#(?:user-content-)?fn-([\w-]+)$/.exec(stringProperty(link, "href") ?? "")?.[1];
  if (link.properties.dataFootnoteRef !== undefined && rendered && !taken.has(rendered)) return rendered;
  // The next number no rendered label took; `skips` remembers runs of taken numbers already passed over.
  const start = taken.size + 1;
  let number = start;
  while (taken.has(String(number))) number = (skips.get(number) ?? number) + 1;
  skips.set(start, number - 1);
  return String(number);
}

const DEFINITION_BLOCKS = new Set(["li", "p", "div", "section", "aside", "footer"]);
const MAX_DEFINITION_CLIMB = 4;

/**
 * Footnotes in every form the sources use: Word (`#_ftn1` ↔ `_ftnref1`), Google Docs (`#ftnt1` ↔
 * `ftnt_ref1`), LibreOffice (`#sdfootnote1sym` ↔ `sdfootnote1anc`), GFM and Docket's own rendering,
 * WordPress's footnotes block and Wikipedia-style references. What they share: a link to an anchor
 * inside a note (a list item or paragraph) that links back to the reference. Each such note becomes
 * a definition, numbered in reading order, and moves to the end of the document.
 */
function extractFootnotes(tree: HastRoot, body: HastParents): void {
  const parents = new Map<HastNodes, HastParents>();
  const anchors = new Map<string, Element>();
  const links: Element[] = [];
  visit(tree, (node, _index, parent) => {
    if (parent) parents.set(node, parent);
    if (node.type !== "element") return;
    for (const name of anchorNames(node)) if (!anchors.has(name)) anchors.set(name, node);
    if (node.tagName === "a" && stringProperty(node, "href")?.startsWith("#")) links.push(node);
  });

  const isInside = (node: HastNodes, container: HastNodes): boolean => {
    for (let at = parents.get(node); at; at = parents.get(at)) if (at === container) return true;
    return false;
  };
  const definitionBlock = (target: Element): Element | undefined => {
    let block: HastNodes | undefined = target;
    for (let climb = 0; isElement(block) && !DEFINITION_BLOCKS.has(block.tagName); climb++) {
      if (climb === MAX_DEFINITION_CLIMB) return undefined;
      block = parents.get(block);
    }
    if (!isElement(block)) return undefined;
    // A Word footnote may hold several paragraphs in its own <div style="mso-element:footnote">.
    const holder = parents.get(block);
    if (block.tagName === "p" && isElement(holder, "div") && /^(foot|end)note$/.test(styleOf(holder).get("mso-element") ?? "")) {
      return holder;
    }
    return block;
  };
  const linksBackTo = (block: Element, names: Set<string>): boolean => {
    let found = false;
    visit(block, "element", (node) => {
      const href = stringProperty(node, "href");
      if (node.tagName === "a" && href?.startsWith("#") && names.has(decodeOrKeep(href.slice(1)))) found = true;
    });
    return found;
  };

  type Note = { block: Element; identifier: string; names: Set<string> };
  const notes = new Map<Element, Note>();
  const identifiers = new Set<string>();
  const skips = new Map<number, number>();
  const noteHolding = (node: HastNodes): Note | undefined => {
    for (let at = parents.get(node); at; at = parents.get(at)) if (isElement(at) && notes.has(at)) return notes.get(at);
  };
  const references: { link: Element; identifier: string }[] = [];
  for (const link of links) {
    if (noteHolding(link)) continue; // a backlink inside a note
    const target = anchors.get(decodeOrKeep((stringProperty(link, "href") ?? "#").slice(1)));
    const block = target && definitionBlock(target);
    if (!block || isInside(link, block)) continue;
    const names = new Set(anchorNames(link));
    const holder = parents.get(link);
    if (isElement(holder, "sup", "span")) for (const name of anchorNames(holder)) names.add(name);
    let note = notes.get(block);
    if (!note) {
      if (!linksBackTo(block, names)) continue;
      note = { block, identifier: footnoteIdentifier(link, identifiers, skips), names };
      notes.set(block, note);
      identifiers.add(note.identifier);
    } else {
      for (const name of names) note.names.add(name);
    }
    references.push({ link, identifier: note.identifier });
  }

  // Every change to a parent's children is made in one pass over them (one splice each would move every later child).
  const replaced = new Map<HastNodes, ElementContent>();
  const touched = new Set<HastParents>();
  for (const { link, identifier } of references) {
    // Its text keeps whitespace minification from looking past it (it would, for every marker, over all later ones).
    const marker = element("sup", [{ type: "text", value: identifier }], { [FOOTNOTE_REFERENCE]: identifier });
    const holder = parents.get(link);
    const target = isElement(holder, "sup") && holder.children.every((child) => child === link || !hasContent(child)) ? holder : link;
    const parent = parents.get(target);
    if (!parent) continue;
    replaced.set(target, marker);
    touched.add(parent);
  }
  for (const parent of touched) parent.children = parent.children.map((child) => replaced.get(child) ?? child) as never[];

  const removed = new Set<HastNodes>();
  let emptied = new Set<HastParents>();
  for (const { block, names } of notes.values()) {
    rewriteElements(block, (node) => {
      const href = stringProperty(node, "href");
      return node.tagName === "a" && href?.startsWith("#") && names.has(decodeOrKeep(href.slice(1))) ? "remove" : "keep";
    });
    removed.add(block);
    const parent = parents.get(block);
    if (parent) emptied.add(parent);
  }
  // Drop what held the notes once it holds nothing else: Word's footnote list with its rule,
  // GFM's <section data-footnotes> with its "Notes" heading, an emptied <ol>.
  while (emptied.size > 0) {
    for (const parent of emptied) parent.children = parent.children.filter((child) => !removed.has(child)) as never[];
    const holders = new Set<HastParents>();
    for (const parent of emptied) {
      const holder = parents.get(parent);
      if (!isElement(parent) || parent === body || parent.tagName === "body" || !holder) continue;
      const onlyHeadings = parent.children.every((child) => !hasContent(child) || isElement(child, "h1", "h2", "h3", "h4", "h5", "h6"));
      if (!onlyHeadings) continue;
      removed.add(parent);
      holders.add(holder);
    }
    emptied = holders;
  }
  for (const { block, identifier } of notes.values()) {
    const content = block.tagName === "p" ? [block] : block.children;
    (body.children as ElementContent[]).push(element("div", content, { [FOOTNOTE_DEFINITION]: identifier }));
  }
}

// ---------- Word's paragraphs: lists, quotes, title ----------

const ORDERED_MARKER = /^\(?(?:\d+|[a-z]|[ivxlcdm]+)[.)]$/i;

function wordListLevel(node: ElementContent): number | undefined {
  if (!isElement(node, "p")) return undefined;
  const match = /^l\d+ level(\d+) lfo\d+/.exec(styleOf(node).get("mso-list") ?? "");
  return match ? Number(match[1]) : undefined;
}

function isWordListMarker(node: Element): boolean {
  return styleOf(node).get("mso-list") === "ignore";
}

/** Removes Word's hand-drawn bullet or number ("·", "o", "1.", "a)") and returns its text. */
function takeWordListMarker(paragraph: Element): string {
  let marker = "";
  rewriteElements(paragraph, (node) => {
    if (!isWordListMarker(node)) return "keep";
    if (!marker) marker = hastToString(node).replace(/[\s\u00a0]+/g, " ").trim();
    return "remove";
  });
  return marker;
}

type OpenList = { level: number; list: Element; ordered: boolean };

/**
 * Word writes a list as paragraphs with `mso-list:l0 level2 lfo1` and a bullet drawn in a span.
 * Consecutive such paragraphs become nested lists; MsoQuote paragraphs become one blockquote.
 */
function convertWordParagraphs(parent: HastParents): void {
  const result: ElementContent[] = [];
  let open: OpenList[] = [];
  let quote: Element | undefined;
  for (const child of parent.children as ElementContent[]) {
    const level = wordListLevel(child);
    const classes = isElement(child) ? classesOf(child) : [];
    if ((child.type === "text" && INVISIBLE.test(child.value)) || child.type === "comment") {
      if (open.length === 0 && !quote) result.push(child);
      continue;
    }
    if (level === undefined) {
      const lastItem = open.at(-1)?.list.children.at(-1);
      if (isElement(child, "p") && classes.some((name) => name.startsWith("msolistparagraph")) && isElement(lastItem)) {
        lastItem.children.push(child); // a paragraph continuing the list item above
        continue;
      }
      open = [];
      if (isElement(child, "p") && classes.some((name) => name === "msoquote" || name === "msointensequote")) {
        if (!quote) result.push((quote = element("blockquote")));
        quote.children.push(child);
        continue;
      }
      quote = undefined;
      if (isElement(child, "p") && classes.includes("msotitle")) child.tagName = "h1";
      if (child.type === "element") convertWordParagraphs(child);
      result.push(child);
      continue;
    }
    quote = undefined;
    const paragraph = child as Element;
    const marker = takeWordListMarker(paragraph);
    const ordered = ORDERED_MARKER.test(marker);
    while (open.length > 0 && open.at(-1)!.level > level) open.pop();
    if (open.length > 0 && open.at(-1)!.level === level && open.at(-1)!.ordered !== ordered) open.pop();
    let current = open.at(-1);
    if (!current || current.level < level) {
      const start = ordered ? Number.parseInt(marker.replace(/^\(/, ""), 10) : Number.NaN;
      const list = element(ordered ? "ol" : "ul", [], Number.isNaN(start) || start === 1 ? {} : { start });
      const lastItem = current?.list.children.at(-1);
      if (isElement(lastItem)) lastItem.children.push(list);
      else result.push(list);
      current = { level, list, ordered };
      open.push(current);
    }
    current.list.children.push(element("li", paragraph.children));
  }
  parent.children = result as never[];
}

// ---------- junk ----------

const DROPPED_ELEMENTS = new Set([
  // <base> too: the converter would resolve relative links against it.
  "applet", "base", "button", "canvas", "datalist", "dialog", "embed", "form", "head", "link", "map", "math", "meta",
  "noscript", "object", "script", "select", "style", "svg", "template", "textarea", "title",
]);

const WORD_COMMENT_CLASSES = new Set(["msocomanchor", "msocomoff", "msocomtxt", "msocommentreference"]);

function isHidden(node: Element, style: Declarations): boolean {
  return (
    node.properties.hidden !== undefined ||
    node.properties.ariaHidden === "true" ||
    style.get("display") === "none" ||
    style.get("visibility") === "hidden" ||
    style.get("mso-hide") === "all"
  );
}

/** Styles, office-only elements, comments and tracked deletions: none of it is the author's text. */
function dropJunk(tree: HastRoot, fromWord: boolean): void {
  visit(tree, (node) => {
    if ("children" in node) node.children = (node.children as HastNodes[]).filter((child) => child.type !== "comment" && child.type !== "doctype") as never[];
  });
  rewriteElements(tree, (node, ancestors) => {
    const tag = node.tagName;
    const style = styleOf(node);
    const classes = classesOf(node);
    if (DROPPED_ELEMENTS.has(tag) || isHidden(node, style)) return "remove";
    if (tag === "input" && !(stringProperty(node, "type") === "checkbox" && ancestors.some((a) => a.tagName === "li"))) return "remove";
    // Office namespaces: VML drawings go, wrappers such as <o:p>, <w:Sdt> and <st1:place> give up their text.
    if (tag.includes(":")) return /^(v|m):/.test(tag) || tag === "w:bindata" ? "remove" : "unwrap";
    // Word's comments: the anchors in the text, and the list of comments at the end.
    if (classes.some((name) => WORD_COMMENT_CLASSES.has(name))) return "remove";
    if (/^comment(-list)?$/.test(style.get("mso-element") ?? "") || style.get("mso-special-character") === "comment") return "remove";
    if (isWordListMarker(node)) return "remove";
    // Tracked changes: what was deleted goes, what was inserted stays.
    if ((tag === "del" || tag === "s") && (classes.includes("msodel") || (fromWord && tag === "del"))) return "remove";
    if (tag === "ins" || classes.includes("msoins")) return "unwrap";
    // Page breaks, and the "#" self-link Docket puts after each heading.
    if (tag === "br" && (node.properties.clear !== undefined || (style.get("page-break-before") ?? "") !== "")) return "remove";
    if (tag === "a" && classes.includes("heading-anchor")) return "remove";
    return "keep";
  });
}

// ---------- formatting ----------

function fontWeight(value: string | undefined): "bold" | "normal" | undefined {
  if (value === undefined) return undefined;
  if (value === "bold" || value === "bolder") return "bold";
  if (value === "normal" || value === "lighter") return "normal";
  const number = Number(value);
  if (Number.isNaN(number)) return undefined;
  return number >= 600 ? "bold" : "normal";
}

const MONOSPACE = /(^|[\s,"'])(courier|courier new|consolas|menlo|monaco|monospace|roboto mono|source code pro|fira code|lucida console)(["',\s]|$)/;

/** Bold, italic, struck-through and monospace text as elements; headings and header cells are bold already. */
function convertStyledText(tree: HastRoot): void {
  rewriteElements(tree, (node, ancestors) => {
    const tag = node.tagName;
    const style = styleOf(node);
    const boldAlready = ancestors.some((a) => /^(h[1-6]|th)$/.test(a.tagName));
    const inCode = ancestors.some((a) => a.tagName === "pre" || a.tagName === "code");
    if (tag === "b" || tag === "strong") return boldAlready || fontWeight(style.get("font-weight")) === "normal" ? "unwrap" : "keep";
    if ((tag === "i" || tag === "em") && style.get("font-style") === "normal") return "unwrap";
    // Underline has no markdown form, and is not emphasis: the text stays, plain.
    if (tag === "u") return "unwrap";
    if (tag !== "span" && tag !== "font") return "keep";
    const wrappers: string[] = [];
    if (!boldAlready && fontWeight(style.get("font-weight")) === "bold") wrappers.push("strong");
    if (/^(italic|oblique)/.test(style.get("font-style") ?? "")) wrappers.push("em");
    if (`${style.get("text-decoration") ?? ""} ${style.get("text-decoration-line") ?? ""}`.includes("line-through")) wrappers.push("del");
    const family = style.get("font-family") ?? (stringProperty(node, "face") ?? "").toLowerCase();
    if (!inCode && MONOSPACE.test(family) && node.children.every((child) => child.type === "text")) wrappers.push("code");
    if (wrappers.length === 0) return "unwrap";
    let content: ElementContent[] = node.children;
    for (const wrapper of wrappers.reverse()) content = [element(wrapper, content)];
    return content[0];
  });
}

// ---------- links, images, figures, embeds ----------

/** Options of the paste converter (pastedHtmlToMdast); the import's converter has none. */
type ConvertOptions = { placeholders: boolean };

/** An image whose address Docket can never show (a file on the writer's computer, data in the page). */
const UNREACHABLE_IMAGE = /^\s*(file|data|blob|cid|webkit-fake-url):/i;

/** A placeholder for an image Docket cannot show, named after its file when it has one. */
function unreachableImagePlaceholder(address: string): string | undefined {
  const scheme = UNREACHABLE_IMAGE.exec(address)?.[1].toLowerCase();
  if (!scheme) return undefined;
  return placeholderUrl(scheme === "file" ? fileNameOf(address) : "pasted-image");
}

function convertLinksAndMedia(tree: HastRoot, options: ConvertOptions): void {
  rewriteElements(tree, (node) => {
    switch (node.tagName) {
      case "a": {
        const href = stringProperty(node, "href");
        const url = href === undefined || href.startsWith("#") ? undefined : safeUrl(href, "link");
        if (url === undefined) return "unwrap";
        node.properties = { href: withoutTracking(url), title: stringProperty(node, "title") };
        return "keep";
      }
      case "img": {
        const raw = stringProperty(node, "src") ?? "";
        const src = (options.placeholders ? unreachableImagePlaceholder(raw) : undefined) ?? safeUrl(raw, "image");
        if (src === undefined) return "remove";
        node.properties = { src, alt: stringProperty(node, "alt") ?? "", title: stringProperty(node, "title") };
        return "keep";
      }
      case "figure":
        captionAsImageTitle(node);
        return "keep";
      case "div":
      case "dl":
        if (classesOf(node).includes("wp-caption")) captionAsImageTitle(classicCaptionAsFigure(node));
        return "keep";
      case "iframe":
      case "video":
      case "audio": {
        const source = node.children.find((child): child is Element => isElement(child, "source"));
        const src = safeUrl(stringProperty(node, "src") ?? (source && stringProperty(source, "src")) ?? "", "image");
        return src === undefined ? "remove" : linkParagraph(embedPageUrl(src));
      }
      default:
        return "keep";
    }
  });
}

/**
 * WordPress's classic caption markup, `div.wp-caption` holding the image and `p.wp-caption-text` (or, in
 * old themes, a `dl` with `dd.wp-caption-dd`), is a figure with its caption.
 */
function classicCaptionAsFigure(holder: Element): Element {
  let caption: Element | undefined;
  visit(holder, "element", (node, index, parent) => {
    if (caption || node === holder || !parent || index === undefined) return;
    const classes = classesOf(node);
    if (!classes.includes("wp-caption-text") && !classes.includes("wp-caption-dd")) return;
    caption = node;
    parent.children.splice(index, 1);
    return "skip";
  });
  holder.tagName = "figure";
  holder.properties = {};
  holder.children = holder.children.flatMap((child) => (isElement(child, "dt") ? child.children : [child]));
  if (caption) holder.children.push({ ...caption, tagName: "figcaption", properties: {} });
  return holder;
}

/** A figure's caption becomes its image's title, which is how Docket's editor shows captions. */
function captionAsImageTitle(figure: Element): void {
  const caption = figure.children.find((child): child is Element => isElement(child, "figcaption"));
  if (!caption) return;
  let image: Element | undefined;
  visit(figure, "element", (node) => {
    if (node !== figure && node.tagName === "figure") return "skip";
    if (node.tagName === "img" && !image) image = node;
  });
  const text = hastToString(caption).replace(/\s+/g, " ").trim();
  if (!image || !text) return;
  image.properties.title = text;
  figure.children.splice(figure.children.indexOf(caption), 1);
}

/** A table without header cells gets its first row as the header, as GFM tables need one. */
function promoteHeaderRow(table: Element): void {
  let hasHeader = false;
  let firstRow: Element | undefined;
  visit(table, "element", (node) => {
    if (node !== table && node.tagName === "table") return "skip";
    if (node.tagName === "th" || node.tagName === "thead") hasHeader = true;
    if (node.tagName === "tr" && !firstRow) firstRow = node;
  });
  if (hasHeader || !firstRow) return;
  for (const cell of firstRow.children) if (isElement(cell, "td")) cell.tagName = "th";
}

// ---------- structure ----------

/**
 * Lists as markdown expects them: Google Docs nests a <ul> straight inside a <ul>; a lone <p> in a
 * list item (Google Docs, LibreOffice) would make every list loose.
 */
function normalizeLists(tree: HastRoot): void {
  rewriteElements(tree, (node) => {
    if (node.tagName === "ul" || node.tagName === "ol") {
      const items: ElementContent[] = [];
      for (const child of node.children) {
        if (isElement(child, "ul", "ol")) {
          const previous = items.findLast((item): item is Element => isElement(item, "li"));
          if (previous) previous.children.push(child);
          else items.push(element("li", [child]));
        } else items.push(child);
      }
      node.children = items;
    }
    if (node.tagName === "li") {
      const blocks = node.children.filter((child): child is Element => isElement(child) && BLOCK_ELEMENTS.has(child.tagName));
      const paragraphs = blocks.filter((child) => child.tagName === "p");
      const loose = node.children.some((child) => child.type === "text" && !INVISIBLE.test(child.value));
      if (paragraphs.length === 1 && !loose && blocks.every((child) => child.tagName === "p" || child.tagName === "ul" || child.tagName === "ol")) {
        node.children.splice(node.children.indexOf(paragraphs[0]), 1, ...paragraphs[0].children);
      }
    }
    if (node.tagName === "table") {
      const caption = node.children.find((child): child is Element => isElement(child, "caption"));
      if (caption && hasContent(caption)) return [element("p", caption.children), node];
    }
    return "keep";
  });
}

const STRAY_ZERO_WIDTH = /^[\u200b\ufeff]+|[\u200b\ufeff]+$|(?<=\s)[\u200b\ufeff]+|[\u200b\ufeff]+(?=\s)/g;

const REMOVED_WHEN_EMPTY = new Set([
  "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2",
  "h3", "h4", "h5", "h6", "header", "li", "main", "nav", "ol", "p", "pre", "section", "ul",
]);

/** Blank text, empty paragraphs and headings, stray line breaks between blocks. */
function dropEmptiness(tree: HastRoot): void {
  visit(tree, "text", (node) => {
    // A zero-width space or U+FEFF between two characters is the writer's (a break point, a word joiner);
    // one at the edge of the text or beside a space is left over from an editor.
    node.value = node.value.replace(/\u00a0/g, " ").replace(STRAY_ZERO_WIDTH, "");
  });
  rewriteElementsBottomUp(tree, (node, parent, neighbours) => {
    if (isFootnoteMarker(node)) return "keep";
    if (node.tagName === "br") {
      const besideBlock = (neighbour: HastNodes | undefined) => neighbour === undefined || (isElement(neighbour) && BLOCK_ELEMENTS.has(neighbour.tagName));
      const inFlow = parent.type === "root" || BLOCK_ELEMENTS.has(parent.tagName) && parent.tagName !== "p" && !/^h[1-6]$/.test(parent.tagName);
      return inFlow && besideBlock(neighbours.before()) && besideBlock(neighbours.after()) ? "remove" : "keep";
    }
    if (hasContent(node) || CONTENT_ELEMENTS.has(node.tagName) || /^(td|th|tr|tbody|thead|tfoot|table)$/.test(node.tagName)) return "keep";
    return REMOVED_WHEN_EMPTY.has(node.tagName) ? "remove" : "unwrap";
  });
}

/** The post title is the page's h1: when the document uses h1, every heading moves down a level. */
function demoteHeadings(tree: HastRoot): void {
  let hasTopHeading = false;
  visit(tree, "element", (node) => {
    if (node.tagName === "h1") hasTopHeading = true;
  });
  if (!hasTopHeading) return;
  visit(tree, "element", (node) => {
    const level = /^h([1-6])$/.exec(node.tagName)?.[1];
    if (level) node.tagName = `h${Math.min(6, Number(level) + 1)}`;
  });
}

/**
 * Neighbouring text nodes (left by unwrapped elements) as one, and no blank text beside a block or a
 * line break, where it shows nothing. hast-util-to-mdast's whitespace minification would look past
 * each blank node for every node, and splice out each one it drops: n of them took n² steps.
 */
function tidyTextNodes(tree: HastRoot): void {
  const breaks = (node: HastNodes | undefined) => isElement(node) && (node.tagName === "br" || BLOCK_ELEMENTS.has(node.tagName));
  visit(tree, (node) => {
    if (!("children" in node)) return;
    const joined: HastNodes[] = [];
    for (const child of node.children as HastNodes[]) {
      const previous = joined.at(-1);
      if (child.type === "text" && previous?.type === "text") joined[joined.length - 1] = { type: "text", value: previous.value + child.value };
      else joined.push(child);
    }
    const inFlow = node.type === "root" || BLOCK_ELEMENTS.has(node.tagName);
    node.children = joined.filter((child, index) => {
      if (child.type !== "text" || !/^[ \t\n\r\f]*$/.test(child.value)) return true;
      const before = joined[index - 1];
      const after = joined[index + 1];
      return !(breaks(before) || breaks(after) || (inFlow && (before === undefined || after === undefined)));
    }) as never[];
  });
}

function findBody(tree: HastRoot): HastParents {
  let body: HastParents = tree;
  visit(tree, "element", (node) => {
    if (node.tagName === "body") {
      body = node;
      return false;
    }
  });
  return body;
}

function isFromWord(tree: HastRoot): boolean {
  let word = false;
  visit(tree, "element", (node) => {
    const content = `${stringProperty(node, "content") ?? ""}`;
    if ((node.tagName === "meta" && /^Word\.Document|Microsoft Word/i.test(content)) || classesOf(node).some((name) => name.startsWith("mso"))) {
      word = true;
      return false;
    }
  });
  return word;
}

// No real document nests elements this deep; the tree tools recurse and would overflow the stack.
const MAX_NESTING = 100;

/** Below MAX_NESTING an element keeps only its text. Walks with its own stack, as the tree may be too deep to recurse. */
function flattenDeepNesting(tree: HastRoot): void {
  const stack: [HastParents, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    for (const child of node.children) {
      if (child.type !== "element") continue;
      if (depth + 1 < MAX_NESTING) {
        stack.push([child, depth + 1]);
        continue;
      }
      const words: string[] = [];
      const pending: HastNodes[] = [child];
      while (pending.length > 0) {
        const next = pending.pop()!;
        if (next.type === "text") words.push(next.value);
        else if (next.type === "element" && !DROPPED_ELEMENTS.has(next.tagName)) pending.push(...[...next.children].reverse());
      }
      child.children = [{ type: "text", value: words.join("") }];
    }
  }
}

const CELL_BLOCKS = new Set(["p", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dl", "dt", "dd", "section", "article"]);

/** A block's content as lines: paragraphs one each, list items one each with their marker. */
function cellLines(node: ElementContent, marker = ""): ElementContent[][] {
  if (node.type !== "element" || !CELL_BLOCKS.has(node.tagName)) return [[node]];
  if (node.tagName === "ul" || node.tagName === "ol") {
    const start = Number(node.properties.start ?? 1) || 1;
    const items = node.children.filter((child): child is Element => isElement(child, "li"));
    return items.flatMap((item, index) => cellLines(item, node.tagName === "ol" ? `${start + index}. ` : "• "));
  }
  const lines: ElementContent[][] = [];
  let inline: ElementContent[] = [];
  const endLine = () => {
    if (inline.some(hasContent)) lines.push(lines.length === 0 && marker ? [{ type: "text", value: marker }, ...inline] : inline);
    inline = [];
  };
  for (const child of node.children) {
    if (child.type === "element" && CELL_BLOCKS.has(child.tagName)) {
      endLine();
      lines.push(...cellLines(child));
    } else if (isElement(child, "br")) endLine();
    else inline.push(child);
  }
  endLine();
  return lines;
}

/**
 * A GFM table cell holds one line of text: paragraphs and list items in a cell (Word, Google Docs)
 * become lines joined by line breaks (`<br>` in the markdown), bullets and numbers kept as text.
 */
function flattenTableCells(tree: HastRoot): void {
  visit(tree, "element", (cell) => {
    if (cell.tagName !== "td" && cell.tagName !== "th") return;
    if (!cell.children.some((child) => isElement(child) && CELL_BLOCKS.has(child.tagName))) return;
    const lines = cellLines(element("div", cell.children));
    cell.children = lines.flatMap((line, index) => (index === 0 ? line : [element("br"), ...line]));
    return "skip";
  });
}

function rehypeCleanPastedHtml(options: ConvertOptions) {
  return (tree: HastRoot) => {
    flattenDeepNesting(tree);
    visit(tree, "element", (node) => {
      delete node.properties[FOOTNOTE_REFERENCE];
      delete node.properties[FOOTNOTE_DEFINITION];
    });
    const fromWord = isFromWord(tree);
    const body = findBody(tree);
    convertWordParagraphs(body);
    // Junk first: Word's comments link to and fro like footnotes, and must not become them.
    dropJunk(tree, fromWord);
    extractFootnotes(tree, body);
    visit(tree, "element", (node) => {
      if (node.tagName === "table") promoteHeaderRow(node);
    });
    convertStyledText(tree);
    convertLinksAndMedia(tree, options);
    normalizeLists(tree);
    dropEmptiness(tree);
    flattenTableCells(tree);
    demoteHeadings(tree);
    tidyTextNodes(tree);
  };
}

// ---------- hast → mdast ----------

/**
 * Sub- and superscript have no markdown syntax: they stay as the `<sub>`/`<sup>` pair around their text,
 * which the post renderer (src/lib/markdown.ts) turns back into the element.
 */
function scriptAsHtml(tag: "sub" | "sup", children: MdastNodes[]): MdastNodes[] {
  if (!children.some((child) => mdastToString(child).trim() !== "")) return children;
  return [{ type: "html", value: `<${tag}>` }, ...children, { type: "html", value: `</${tag}>` }];
}

const footnoteHandlers: Record<string, Handle> = {
  sub(state, node) {
    return scriptAsHtml("sub", state.all(node));
  },
  sup(state, node) {
    const identifier = node.properties[FOOTNOTE_REFERENCE];
    if (typeof identifier !== "string") return scriptAsHtml("sup", state.all(node));
    const reference: FootnoteReference = { type: "footnoteReference", identifier, label: identifier };
    return reference;
  },
  div(state, node) {
    const identifier = node.properties[FOOTNOTE_DEFINITION];
    if (typeof identifier !== "string") return state.toFlow(state.all(node));
    const definition: FootnoteDefinition = {
      type: "footnoteDefinition",
      identifier,
      label: identifier,
      children: state.toFlow(state.all(node)) as FootnoteDefinition["children"],
    };
    return definition;
  },
};

// ---------- tidying the markdown tree ----------

const SOCIAL_HOST = /^https?:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com\//i;

/**
 * `@handle` and `#tag` linked to X are what the renderer makes of plain `@handle` and `#tag`: keep
 * them as text, so converting rendered HTML gives back the markdown it came from.
 */
function unlinkSocialLinks(tree: MdastRoot): void {
  visit(tree, "link", (node, index, parent) => {
    if (!parent || index === undefined || node.children.length !== 1 || node.children[0].type !== "text") return;
    const text = node.children[0].value;
    if (!SOCIAL_HOST.test(node.url)) return;
    const path = decodeOrKeep(node.url.replace(SOCIAL_HOST, "").replace(/[?#].*$/, "").replace(/\/$/, ""));
    const isHandle = /^@\w{1,15}$/.test(text) && path.toLowerCase() === text.slice(1).toLowerCase();
    const isHashtag = /^#[\p{L}\p{N}_]+$/u.test(text) && path.toLowerCase() === `hashtag/${text.slice(1)}`.toLowerCase();
    if (isHandle || isHashtag) parent.children.splice(index, 1, { type: "text", value: text });
  });
}

/** Bare addresses in the text become links, as GFM would read them, instead of being escaped. */
const linkBareUrls = gfmAutolinkLiteralFromMarkdown().transforms![0] as (tree: MdastRoot) => void;

type WrapperNode = Extract<PhrasingContent, { type: "strong" | "emphasis" | "delete" | "link" }>;
const WRAPPERS = new Set(["strong", "emphasis", "delete", "link"]);

function isWrapper(node: MdastNodes | undefined): node is WrapperNode {
  return node !== undefined && WRAPPERS.has(node.type);
}

function sameWrapper(a: WrapperNode, b: WrapperNode): boolean {
  if (a.type !== b.type) return false;
  return a.type !== "link" || (b.type === "link" && a.url === b.url && a.title === b.title);
}

function isBlankText(node: PhrasingContent): boolean {
  return node.type === "text" && node.value.trim() === "";
}

/**
 * Office formatting comes in runs: `**a** **b**`, `** a **`, `*` inside `*`. Merge neighbours, move
 * spaces outside the markers, drop markers that wrap nothing, so the markdown reads as written.
 */
function tidyPhrasing(parent: MdastParents): void {
  for (const child of parent.children) if ("children" in child) tidyPhrasing(child);
  // Markers around nothing, or inside the same marker, go; their content stays.
  const kept: MdastNodes[] = [];
  for (const node of parent.children as MdastNodes[]) {
    const blank = isWrapper(node) && (node.children.length === 0 || node.children.every(isBlankText));
    if (isWrapper(node) && node.type !== "link" && (blank || node.type === parent.type)) kept.push(...node.children);
    else if (!(isWrapper(node) && blank)) kept.push(node);
  }
  // Neighbours with the same marker, even with a space between them, become one.
  const joined: MdastNodes[] = [];
  const merged = new Set<WrapperNode>();
  for (let index = 0; index < kept.length; index++) {
    const node = kept[index];
    const previous = joined.at(-1);
    const next = kept[index + 1];
    if (isWrapper(previous) && isWrapper(node) && sameWrapper(previous, node)) {
      previous.children.push(...(node.children as never[]));
      merged.add(previous);
    } else if (isWrapper(previous) && node.type === "text" && isBlankText(node) && isWrapper(next) && sameWrapper(previous, next)) {
      previous.children.push(node, ...(next.children as never[]));
      merged.add(previous);
      index++;
    } else joined.push(node);
  }
  for (const node of merged) tidyPhrasing(node);
  // Spaces just inside a marker move outside it; neighbouring texts join.
  const result: MdastNodes[] = [];
  const pushText = (value: string) => {
    const previous = result.at(-1);
    if (previous?.type === "text") previous.value += value;
    else result.push({ type: "text", value });
  };
  for (const node of joined) {
    if (node.type === "text") {
      pushText(node.value);
      continue;
    }
    const first = isWrapper(node) ? node.children[0] : undefined;
    const last = isWrapper(node) ? node.children.at(-1) : undefined;
    if (first?.type === "text" && /^\s/.test(first.value)) {
      first.value = first.value.trimStart();
      pushText(" ");
    }
    const trailing = last?.type === "text" && /\s$/.test(last.value);
    if (trailing) last.value = last.value.trimEnd();
    result.push(node);
    if (trailing) pushText(" ");
  }
  for (const node of result) if (node.type === "text") node.value = node.value.replace(/ {2,}/g, " ");
  if (parent.type === "paragraph" || parent.type === "heading" || parent.type === "tableCell") {
    const first = result[0];
    const last = result.at(-1);
    if (first?.type === "text") first.value = first.value.trimStart();
    if (last?.type === "text") last.value = last.value.trimEnd();
  }
  parent.children = result.filter((child) => child.type !== "text" || child.value !== "") as never[];
}

/**
 * An item is loose only when it holds more than one block besides its sublists (hast-util-to-mdast
 * also counts a sublist of two items), and a list is loose when one of its items is.
 */
function setListSpread(tree: MdastRoot): void {
  visit(tree, "list", (list) => {
    for (const item of list.children) item.spread = item.children.filter((child) => child.type !== "list").length > 1;
    list.spread = list.children.some((item) => item.spread);
  });
}

function isEmptyBlock(node: MdastRootContent): boolean {
  return node.type === "paragraph" && node.children.length === 0;
}

/** Footnotes last, after the text, without the rule or heading that introduced them. */
function tidyBlocks(tree: MdastRoot): void {
  visit(tree, (node) => {
    if ("children" in node && node.type !== "root") node.children = (node.children as MdastRootContent[]).filter((child) => !isEmptyBlock(child)) as never[];
  });
  const definitions = tree.children.filter((node) => node.type === "footnoteDefinition");
  const content = tree.children.filter((node) => node.type !== "footnoteDefinition" && !isEmptyBlock(node));
  // A rule or a notes heading with nothing after it but the notes.
  while (content.at(-1)?.type === "thematicBreak" || (definitions.length > 0 && content.at(-1)?.type === "heading")) content.pop();
  tree.children = [...content, ...definitions];
}

/** Every address checked once more on the markdown tree, whatever element it came from. */
function dropUnsafeAddresses(tree: MdastRoot, options: ConvertOptions): void {
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined || (node.type !== "link" && node.type !== "image")) return;
    if (safeUrl(node.url, node.type) !== undefined) return;
    if (options.placeholders && node.type === "image" && isPlaceholderUrl(node.url)) return;
    parent.children.splice(index, 1, ...(node.type === "link" ? node.children : []));
    return index;
  });
}

function remarkTidyConverted(options: ConvertOptions) {
  return (tree: MdastRoot) => {
    dropUnsafeAddresses(tree, options);
    unlinkSocialLinks(tree);
    linkBareUrls(tree);
    tidyPhrasing(tree);
    tidyBlocks(tree);
    setListSpread(tree);
  };
}

// ---------- the pipeline ----------

const converterWith = (options: ConvertOptions) =>
  unified()
  .use(rehypeParse)
  .use(rehypeCleanPastedHtml, options)
  .use(rehypeRemark, { handlers: footnoteHandlers })
  .use(remarkTidyConverted, options)
  .use(remarkGfm, { tablePipeAlign: false })
  .use(remarkStringify, {
    bullet: "-",
    emphasis: "*",
    strong: "*",
    rule: "-",
    fences: true,
    listItemIndent: "one",
    incrementListMarker: true,
    setext: false,
    closeAtx: false,
    resourceLink: false,
    handlers: { break: breakInCellAsTag },
    })
  .freeze();

const importConverter = converterWith({ placeholders: false });
/** For pastes: an image Docket cannot show becomes a placeholder asking for its file (image-placeholders.ts). */
const pasteConverter = converterWith({ placeholders: true });

/** The markdown tree for some HTML, cleaned as described above: for callers that adjust it before writing it out. */
export function htmlToMdast(html: string, { forPaste = false }: { forPaste?: boolean } = {}): MdastRoot {
  const converter = forPaste ? pasteConverter : importConverter;
  try {
    return converter.runSync(converter.parse(html)) as MdastRoot;
  } catch (error) {
    // V8 reports an exhausted stack as a RangeError, or as a SyntaxError when it struck while compiling a regular expression.
    const stackExhausted = error instanceof RangeError || (error instanceof SyntaxError && /stack overflow/i.test(error.message));
    if (!stackExhausted) throw error;
    // Thousands of nested elements overflow the stack while the HTML is parsed, before
    // flattenDeepNesting can help. No real document nests like that: keep its text, which parses flat.
    const text = html.replace(/<(script|style|template|title|head)\b[\s\S]*?<\/\1\s*>/gi, " ").replace(/<[^>]*>/g, " ");
    return converter.runSync(converter.parse(text)) as MdastRoot;
  }
}

/** A markdown tree written out in Docket's normal form. */
export function mdastToMarkdown(tree: MdastRoot): string {
  return importConverter.stringify(tree);
}

/** HTML from the clipboard or an import, as Docket markdown. */
export function htmlToMarkdown(html: string): string {
  return mdastToMarkdown(htmlToMdast(html));
}
