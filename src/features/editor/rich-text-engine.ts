// The rich-text editor's engine: Milkdown (ProseMirror, with remark for markdown) set up so that
// its markdown is Docket's stored format. It parses with the same remark-parse and remark-gfm as
// the post renderer (src/lib/markdown.ts), so the editor sees the document the reader will, and
// writes it back with remark-stringify. Loaded on demand by RichTextEditor: never on reader pages.
//
// Normal form: markdown written by the editor differs from hand-written markdown only in ways that
// do not change what readers see, and writing it again changes nothing
// (tests/integration/rich-editor-round-trip.test.ts). It is the HTML converter's form too, so pasted
// documents go through unchanged:
// - "-" for bullets, "*" for emphasis and "**" for strong unless the text used "_"; "---" for rules;
//   fenced code; bold outside italic where both apply;
// - table delimiter rows as `| :- | - |` (cells are not padded to line up);
// - reference-style links become inline links; setext headings become `#` headings; `*`/`+`
//   bullets become `-`; no trailing newline; characters that would read as markup are escaped;
// - a captioned image is an image with a title, alone in its paragraph: `![alt](src "caption")`.
//   Readers get it as <figure> with <figcaption> (src/lib/markdown.ts), and the HTML converter makes
//   the same of a <figure> (and the WordPress import of `[caption]`);
// - a line break inside a table cell is `<br>` (src/lib/table-cell-breaks.ts): a table row is one line;
// - an image Docket does not have yet is a placeholder, `![alt](missing-image:file-name.jpg)`
//   (src/lib/image-placeholders.ts): shown as a box asking for the file, it keeps a post from going
//   to the editors or out until it is uploaded or removed.
import {
  Editor,
  defaultValueCtx,
  editorViewCtx,
  editorViewOptionsCtx,
  parserCtx,
  remarkStringifyOptionsCtx,
  rootCtx,
  serializerCtx,
} from "@milkdown/core";
import type { Ctx } from "@milkdown/ctx";
import { history } from "@milkdown/plugin-history";
import {
  commands as commonmarkCommands,
  hardbreakClearMarkPlugin,
  hardbreakFilterNodes,
  hardbreakFilterPlugin,
  headingSchema,
  imageSchema,
  inlineNodesCursorPlugin,
  inputRules,
  keymap as commonmarkKeymap,
  markInputRules,
  remarkAddOrderInListPlugin,
  remarkHtmlTransformer,
  remarkInlineLinkPlugin,
  remarkLineBreak,
  remarkMarker,
  schema as commonmarkSchema,
  strongSchema,
  syncListOrderPlugin,
} from "@milkdown/preset-commonmark";
import { createTable, gfm, remarkGFMPlugin, tableKeymap } from "@milkdown/preset-gfm";
import { lift, setBlockType, toggleMark, wrapIn } from "@milkdown/prose/commands";
import { closeHistory, redo, redoDepth, undo, undoDepth } from "@milkdown/prose/history";
import { keymap } from "@milkdown/prose/keymap";
import { Fragment, Slice, type Mark, type MarkType, type Node, type NodeType, type ResolvedPos, type Schema } from "@milkdown/prose/model";
import { liftListItem, wrapInList } from "@milkdown/prose/schema-list";
import { EditorState, NodeSelection, Plugin, PluginKey, Selection, TextSelection, type Command, type Transaction } from "@milkdown/prose/state";
import { addColumnAfter, addRowAfter, deleteColumn, deleteRow, deleteTable, goToNextCell, isInTable } from "@milkdown/prose/tables";
import { Decoration, DecorationSet, type EditorView, type NodeViewConstructor } from "@milkdown/prose/view";
import { $prose, $remark, $view } from "@milkdown/utils";
import { isPlaceholderUrl, placeholderFileName } from "@/lib/image-placeholders";
import { findSocialMentions } from "@/lib/social-mentions";
import { breakInCellAsTag, remarkTableCellBreaks } from "@/lib/table-cell-breaks";

/** remark-stringify settings for Docket's normal form (see the top of this file). */
const STRINGIFY_OPTIONS = { bullet: "-", rule: "-", emphasis: "*", strong: "*", fences: true, listItemIndent: "one", handlers: { break: breakInCellAsTag } } as const;

export type FormatState = {
  bold: boolean;
  italic: boolean;
  link: boolean;
  heading: boolean;
  subheading: boolean;
  quote: boolean;
  bulletList: boolean;
  orderedList: boolean;
  inTable: boolean;
  /** The selected image's description and caption (and whether it still waits for its file), when an image is selected. */
  image: { alt: string; title: string; placeholder: string | null } | null;
  canUndo: boolean;
  canRedo: boolean;
};

export type BlockCommand =
  | "bold"
  | "italic"
  | "heading"
  | "subheading"
  | "quote"
  | "bulletList"
  | "orderedList"
  | "footnote"
  | "table"
  | "rule"
  | "undo"
  | "redo"
  | "addRow"
  | "addColumn"
  | "deleteRow"
  | "deleteColumn"
  | "deleteTable"
  | "deleteImage";

export type EngineCallbacks = {
  /** The writer changed the document (typing, a command, a paste): markdown() has news. */
  onDocumentChange(): void;
  onFormatState(state: FormatState): void;
  /** Ctrl/Cmd+K: ask for a link address. */
  onLinkShortcut(): void;
  /** Escape or Alt+F10: the writer wants the toolbar (and a way out of Tab-indenting lists). */
  onToolbarShortcut(): void;
  /** Escape in a table: the next Tab leaves the table (and the text) instead of moving to a cell. */
  onTableEscape(): void;
  /** Images dropped (at a document position) or pasted (position null: the selection). */
  onImageFiles(files: File[], at: number | null): void;
  /** HTML pasted from another program; true when the paste is taken care of. */
  onPasteHtml(html: string, plainText: string): boolean;
};

export type ImageAttributes = { src: string; alt: string; title: string };

/** An image that needs the writer: still a placeholder for its file, or without a description. */
export type ImageNeedingAttention = { pos: number; alt: string; title: string; placeholder: string | null };

export type RichTextEngine = {
  /** The document as Docket markdown. */
  markdown(): string;
  /** Replaces the document (a new value from outside, not an edit: no change is reported). */
  load(markdown: string): void;
  /** Inserts markdown at the selection as an edit (pasted documents): footnotes are renumbered to fit. Returns where the text went. */
  insertMarkdown(markdown: string): { from: number; to: number };
  insertText(text: string): void;
  run(command: BlockCommand): void;
  /** The link around the selection, or the selected text a new link would wrap. */
  linkAtSelection(): { href: string; text: string; editing: boolean };
  setLink(href: string, text: string): void;
  removeLink(): void;
  insertImage(image: ImageAttributes, at: number | null): void;
  updateSelectedImage(changes: Partial<ImageAttributes>): void;
  /** Images pasted or written without their file or a description, in document order. */
  imagesNeedingAttention(): ImageNeedingAttention[];
  /** Selects the image at `pos` (the next one to describe or upload). */
  selectImage(pos: number): void;
  setAttributes(attributes: Record<string, string>): void;
  focus(): void;
  destroy(): Promise<void>;
};

// ---------- what the writer sees ----------

/** The post title is the page's h1: a `#` heading is shown as the h2 readers will get. */
const headingView = $view(headingSchema.node, (): NodeViewConstructor => (node) => {
  const dom = document.createElement(`h${Math.max(2, Number(node.attrs.level))}`);
  return { dom, contentDOM: dom, update: (updated) => updated.type === node.type && updated.attrs.level === node.attrs.level };
});

/**
 * Milkdown's image node refuses an image without a title (remark gives null, the node wants a
 * string) and drops it: titles are optional here, and an empty one is not written.
 */
const imageWithOptionalTitle = imageSchema.extendSchema((previous) => (ctx) => ({
  ...previous(ctx),
  parseMarkdown: {
    match: ({ type }) => type === "image",
    runner: (state, node, type) => {
      state.addNode(type, { src: String(node.url ?? ""), alt: String(node.alt ?? ""), title: String(node.title ?? "") });
    },
  },
  toMarkdown: {
    match: (node) => node.type.name === "image",
    runner: (state, node) => {
      state.addNode("image", undefined, undefined, { url: node.attrs.src, alt: node.attrs.alt, title: node.attrs.title || null });
    },
  },
}));
const imageParts = new Set<unknown>([imageSchema, ...imageSchema]);
/** Registered first, so bold is the outer mark where text is bold and italic: `**_both_**`, as the HTML converter writes it. */
const strongParts = new Set<unknown>([strongSchema, ...strongSchema]);

/**
 * An image with its caption (the markdown title) under it; a placeholder as a box naming the file it
 * waits for; an image without a description marked as such.
 */
const imageView = $view(imageWithOptionalTitle.node, (): NodeViewConstructor => (initial) => {
  const dom = document.createElement("span");
  dom.className = "docket-image";
  const img = document.createElement("img");
  const missing = document.createElement("span");
  missing.className = "docket-image-missing";
  const note = document.createElement("span");
  note.className = "docket-image-note";
  const caption = document.createElement("span");
  caption.className = "docket-image-caption";
  dom.append(img, missing, note, caption);
  const show = (node: Node) => {
    const src = String(node.attrs.src);
    const placeholder = isPlaceholderUrl(src);
    img.hidden = placeholder;
    if (!placeholder) img.src = src;
    img.alt = String(node.attrs.alt);
    missing.hidden = !placeholder;
    missing.textContent = placeholder ? `Image needed: “${placeholderFileName(src)}” could not be copied. Select it and choose “Upload the image”.` : "";
    const undescribed = !String(node.attrs.alt).trim();
    note.hidden = !undescribed;
    note.textContent = undescribed ? "No description yet: select the image and choose “Edit description and caption”." : "";
    caption.textContent = String(node.attrs.title ?? "");
    caption.hidden = !node.attrs.title;
  };
  show(initial);
  return {
    dom,
    update: (node) => {
      if (node.type !== initial.type) return false;
      show(node);
      return true;
    },
    selectNode: () => dom.classList.add("is-selected"),
    deselectNode: () => dom.classList.remove("is-selected"),
    ignoreMutation: () => true,
  };
});

/** @handles and #hashtags, marked where the renderer will link them. */
function mentionDecorations(doc: Node): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.type.spec.code) return false;
    if (!node.isText) return true;
    if (node.marks.some((mark) => mark.type.name === "link" || mark.type.spec.code)) return false;
    for (const mention of findSocialMentions(node.text ?? "")) {
      decorations.push(Decoration.inline(pos + mention.from, pos + mention.to, { class: "docket-mention", title: `Will link to ${mention.url}` }));
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

const mentionsKey = new PluginKey<DecorationSet>("docket-mentions");
const mentionsPlugin = $prose(
  () =>
    new Plugin<DecorationSet>({
      key: mentionsKey,
      state: {
        init: (_config, state) => mentionDecorations(state.doc),
        apply: (tr, previous) => (tr.docChanged ? mentionDecorations(tr.doc) : previous),
      },
      props: { decorations: (state) => mentionsKey.getState(state) },
    }),
);

const isImageFile = (file: File) => file.type.startsWith("image/");

/** Visible text in pasted HTML: when there is none, the clipboard's image files are the paste. */
function htmlHasText(html: string): boolean {
  return new DOMParser().parseFromString(html, "text/html").body.textContent?.trim() !== "";
}

function clipboardPlugin(callbacks: EngineCallbacks) {
  return $prose(
    () =>
      new Plugin({
        props: {
          handlePaste(_view, event) {
            const data = event.clipboardData;
            if (!data) return false;
            const html = data.getData("text/html");
            // Word and others also put a picture of the copied text on the clipboard: text wins.
            if (html && !html.includes("data-pm-slice") && htmlHasText(html)) return callbacks.onPasteHtml(html, data.getData("text/plain"));
            const images = [...data.files].filter(isImageFile);
            if (images.length === 0) return false;
            callbacks.onImageFiles(images, null);
            return true;
          },
          handleDrop(view, event, _slice, moved) {
            if (moved) return false;
            const images = [...(event.dataTransfer?.files ?? [])].filter(isImageFile);
            if (images.length === 0) return false;
            event.preventDefault();
            callbacks.onImageFiles(images, view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? null);
            return true;
          },
        },
      }),
  );
}

/**
 * Tab in a table moves to the next cell and, from the last, adds a row, so Tab never takes the writer
 * (and the next words typed) out of the text. Escape first, then Tab, leaves the table, as in Google
 * Docs; a second Escape goes to the toolbar, as Escape does elsewhere.
 */
function shortcutsPlugins(callbacks: EngineCallbacks) {
  let tabLeaves = false;
  const nextCellOrNewRow: Command = (state, dispatch, view) => {
    if (!isInTable(state)) return false;
    if (tabLeaves) {
      tabLeaves = false;
      return false;
    }
    if (goToNextCell(1)(state, dispatch)) return true;
    if (!dispatch || !view) return true;
    addRowAfter(state, dispatch);
    goToNextCell(1)(view.state, view.dispatch);
    return true;
  };
  // Any other key forgets an Escape pressed in a table.
  const forgetEscape = $prose(
    () =>
      new Plugin({
        props: {
          handleKeyDown(_view, event) {
            if (!["Tab", "Escape", "Shift"].includes(event.key)) tabLeaves = false;
            return false;
          },
        },
      }),
  );
  const keys = $prose(() =>
    keymap({
      "Mod-k": () => {
        callbacks.onLinkShortcut();
        return true;
      },
      "Alt-F10": () => {
        callbacks.onToolbarShortcut();
        return true;
      },
      Tab: nextCellOrNewRow,
      Escape: (state) => {
        if (isInTable(state) && !tabLeaves) {
          tabLeaves = true;
          callbacks.onTableEscape();
          return true;
        }
        tabLeaves = false;
        callbacks.onToolbarShortcut();
        return true;
      },
    }),
  );
  return [forgetEscape, keys];
}

/** A paragraph holding nothing but images: an image of its own (a figure for readers). */
function onlyImages(node: Node, schema: Schema): boolean {
  let images = 0;
  let other = false;
  node.forEach((child) => {
    if (child.type === schema.nodes.image) images++;
    else other = true;
  });
  return images > 0 && !other;
}

/** Text typed just after an image (in the image's paragraph) starts a paragraph of its own. */
const typingAfterImagePlugin = $prose(
  () =>
    new Plugin({
      props: {
        handleTextInput(view, from, to, text) {
          const { $from } = view.state.selection;
          const { schema } = view.state;
          if (from !== to || $from.parent.type !== schema.nodes.paragraph || $from.parentOffset !== $from.parent.content.size || !onlyImages($from.parent, schema)) return false;
          const after = $from.after();
          const tr = view.state.tr.insert(after, schema.nodes.paragraph.create(null, schema.text(text)));
          view.dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 1 + text.length)).scrollIntoView());
          return true;
        },
      },
    }),
);

/** `<br>` in a table cell is a line break there (src/lib/table-cell-breaks.ts). */
const tableCellBreaks = $remark("docketTableCellBreaks", () => remarkTableCellBreaks);

// ---------- reading the selection ----------

function markActive(state: EditorState, type: MarkType): boolean {
  const { from, to, empty, $from } = state.selection;
  if (empty) return Boolean(type.isInSet(state.storedMarks ?? $from.marks()));
  return state.doc.rangeHasMark(from, to, type);
}

function ancestorDepth($pos: ResolvedPos, type: NodeType): number | null {
  for (let depth = $pos.depth; depth > 0; depth--) if ($pos.node(depth).type === type) return depth;
  return null;
}

/** The nearest list around the selection. */
function innermostList($pos: ResolvedPos, schema: Schema): { depth: number; node: Node } | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.type === schema.nodes.bullet_list || node.type === schema.nodes.ordered_list) return { depth, node };
  }
  return null;
}

const placeholderOf = (src: string) => (isPlaceholderUrl(src) ? placeholderFileName(src) : null);

function formatStateOf(state: EditorState): FormatState {
  const { schema, selection } = state;
  const { $from } = selection;
  const textblock = $from.parent;
  const headingLevel = textblock.type === schema.nodes.heading ? Number(textblock.attrs.level) : 0;
  const list = innermostList($from, schema);
  const image = selection instanceof NodeSelection && selection.node.type === schema.nodes.image ? selection.node : null;
  return {
    bold: markActive(state, schema.marks.strong),
    italic: markActive(state, schema.marks.emphasis),
    link: markActive(state, schema.marks.link),
    heading: headingLevel === 1 || headingLevel === 2,
    subheading: headingLevel === 3,
    quote: ancestorDepth($from, schema.nodes.blockquote) !== null,
    bulletList: list?.node.type === schema.nodes.bullet_list,
    orderedList: list?.node.type === schema.nodes.ordered_list,
    inTable: isInTable(state),
    image: image ? { alt: String(image.attrs.alt), title: String(image.attrs.title ?? ""), placeholder: placeholderOf(String(image.attrs.src)) } : null,
    canUndo: undoDepth(state) > 0,
    canRedo: redoDepth(state) > 0,
  };
}

// ---------- commands ----------

function toggleHeading(level: number): Command {
  return (state, dispatch) => {
    const { schema, selection } = state;
    const current = selection.$from.parent;
    const isThisLevel = current.type === schema.nodes.heading && (Number(current.attrs.level) === level || (level === 2 && Number(current.attrs.level) === 1));
    return isThisLevel ? setBlockType(schema.nodes.paragraph)(state, dispatch) : setBlockType(schema.nodes.heading, { level })(state, dispatch);
  };
}

function toggleList(type: NodeType): Command {
  return (state, dispatch) => {
    const { schema, selection } = state;
    const list = innermostList(selection.$from, schema);
    if (list?.node.type === type) return liftListItem(schema.nodes.list_item)(state, dispatch);
    if (list) {
      dispatch?.(state.tr.setNodeMarkup(selection.$from.before(list.depth), type, type === schema.nodes.ordered_list ? { order: 1 } : {}));
      return true;
    }
    return wrapInList(type)(state, dispatch);
  };
}

const toggleQuote: Command = (state, dispatch) =>
  ancestorDepth(state.selection.$from, state.schema.nodes.blockquote) !== null ? lift(state, dispatch) : wrapIn(state.schema.nodes.blockquote)(state, dispatch);

function usedFootnoteLabels(doc: Node): Set<string> {
  const labels = new Set<string>();
  doc.descendants((node) => {
    if (node.type.name === "footnote_reference" || node.type.name === "footnote_definition") labels.add(String(node.attrs.label));
  });
  return labels;
}

function nextFreeLabel(used: Set<string>): string {
  let number = 1;
  while (used.has(String(number))) number++;
  used.add(String(number));
  return String(number);
}

/** A numbered note: the marker at the cursor, its text at the end of the document, the cursor in it. */
const insertFootnote: Command = (state, dispatch) => {
  const { schema } = state;
  const label = nextFreeLabel(usedFootnoteLabels(state.doc));
  const tr = state.tr.replaceSelectionWith(schema.nodes.footnote_reference.create({ label }), false);
  const end = tr.doc.content.size;
  tr.insert(end, schema.nodes.footnote_definition.create({ label }, schema.nodes.paragraph.create()));
  tr.setSelection(TextSelection.create(tr.doc, end + 2)).scrollIntoView();
  dispatch?.(tr);
  return true;
};

const insertRule: Command = (state, dispatch) => {
  const { schema } = state;
  const tr = state.tr.replaceSelectionWith(schema.nodes.hr.create());
  dispatch?.(tr.scrollIntoView());
  return true;
};

const deleteSelectedImage: Command = (state, dispatch) => {
  if (!(state.selection instanceof NodeSelection) || state.selection.node.type !== state.schema.nodes.image) return false;
  dispatch?.(state.tr.deleteSelection().scrollIntoView());
  return true;
};

/** The extent of the link around a position (adjacent text with the same link mark). */
function linkRange(state: EditorState, pos: number): { from: number; to: number; mark: Mark } | null {
  const type = state.schema.marks.link;
  const $pos = state.doc.resolve(pos);
  const mark = type.isInSet($pos.marks()) ?? type.isInSet($pos.nodeAfter?.marks ?? []);
  if (!mark) return null;
  const runs: { from: number; to: number }[] = [];
  const start = $pos.start();
  $pos.parent.forEach((child, offset) => {
    if (!mark.isInSet(child.marks)) return;
    const from = start + offset;
    const last = runs.at(-1);
    if (last && last.to === from) last.to = from + child.nodeSize;
    else runs.push({ from, to: from + child.nodeSize });
  });
  const run = runs.find((candidate) => candidate.from <= pos && pos <= candidate.to);
  return run ? { ...run, mark } : null;
}

/** Pasted footnotes get labels the document does not use yet; their texts go to the end. */
function fitFootnotes(pasted: Node, existing: Set<string>, schema: Schema): { body: Fragment; notes: Node[] } {
  const renamed = new Map<string, string>();
  const labelFor = (label: string) => {
    if (!renamed.has(label)) renamed.set(label, existing.has(label) ? nextFreeLabel(existing) : (existing.add(label), label));
    return renamed.get(label)!;
  };
  const relabel = (node: Node): Node => {
    if (node.type === schema.nodes.footnote_reference || node.type === schema.nodes.footnote_definition) {
      const label = labelFor(String(node.attrs.label));
      return node.type.create({ ...node.attrs, label }, node.content.size ? mapChildren(node) : node.content, node.marks);
    }
    return node.isLeaf || node.isText ? node : node.copy(mapChildren(node));
  };
  const mapChildren = (node: Node) => {
    const children: Node[] = [];
    node.forEach((child) => children.push(relabel(child)));
    return Fragment.from(children);
  };
  const body: Node[] = [];
  const notes: Node[] = [];
  pasted.forEach((block) => {
    const fitted = relabel(block);
    (fitted.type === schema.nodes.footnote_definition ? notes : body).push(fitted);
  });
  return { body: Fragment.from(body), notes };
}

// ---------- the engine ----------

const EXTERNAL = "docket-external-load";

export async function createRichTextEngine(
  root: HTMLElement,
  markdown: string,
  attributes: Record<string, string>,
  callbacks: EngineCallbacks,
): Promise<RichTextEngine> {
  let viewAttributes = attributes;
  const editor = Editor.make()
    .config((ctx: Ctx) => {
      ctx.set(rootCtx, root);
      ctx.set(defaultValueCtx, markdown);
      ctx.update(remarkStringifyOptionsCtx, (options) => ({ ...options, ...STRINGIFY_OPTIONS }));
      ctx.set(remarkGFMPlugin.options.key, { tablePipeAlign: false });
      // Shift+Enter may break a line in a table cell (written as <br>); Tab is Docket's own there.
      ctx.set(hardbreakFilterNodes.key, ["code_block"]);
      ctx.update(tableKeymap.ctx.key, (keys) => ({ ...keys, NextCell: { ...keys.NextCell, shortcuts: ["Mod-]"] } }));
      ctx.update(editorViewOptionsCtx, (options) => ({
        ...options,
        attributes: () => viewAttributes,
        dispatchTransaction(this: EditorView, tr: Transaction) {
          this.updateState(this.state.apply(tr));
          if (tr.docChanged && !tr.getMeta(EXTERNAL)) callbacks.onDocumentChange();
          callbacks.onFormatState(formatStateOf(this.state));
        },
      }));
    })
    // The commonmark preset without its plugins that write empty paragraphs as `<br />` (the post
    // renderer drops raw HTML) and that give headings ids (the admin page has its own ids).
    .use(strongSchema)
    .use(commonmarkSchema.filter((part) => !imageParts.has(part) && !strongParts.has(part)))
    .use(imageWithOptionalTitle)
    .use(inputRules)
    .use(markInputRules)
    .use(commonmarkCommands)
    .use(commonmarkKeymap)
    .use([
      hardbreakClearMarkPlugin,
      hardbreakFilterNodes,
      hardbreakFilterPlugin,
      inlineNodesCursorPlugin,
      remarkAddOrderInListPlugin,
      remarkInlineLinkPlugin,
      remarkLineBreak,
      remarkHtmlTransformer,
      remarkMarker,
      syncListOrderPlugin,
    ].flat())
    .use(gfm)
    .use(tableCellBreaks)
    .use(history)
    .use(headingView)
    .use(imageView)
    .use(mentionsPlugin)
    .use(typingAfterImagePlugin)
    .use(clipboardPlugin(callbacks))
    .use(shortcutsPlugins(callbacks));
  await editor.create();
  const ctx = editor.ctx;
  const view = ctx.get(editorViewCtx);
  const parse = (text: string) => ctx.get(parserCtx)(text);
  const serialize = (doc: Node) => ctx.get(serializerCtx)(doc).replace(/\n+$/, "");
  const run = (command: Command) => command(view.state, view.dispatch);
  const { schema } = view.state;
  callbacks.onFormatState(formatStateOf(view.state));

  const commandsByName: Record<BlockCommand, Command> = {
    bold: toggleMark(schema.marks.strong),
    italic: toggleMark(schema.marks.emphasis),
    heading: toggleHeading(2),
    subheading: toggleHeading(3),
    quote: toggleQuote,
    bulletList: toggleList(schema.nodes.bullet_list),
    orderedList: toggleList(schema.nodes.ordered_list),
    footnote: insertFootnote,
    table: (state, dispatch) => {
      const { from } = state.selection;
      const tr = state.tr.replaceSelectionWith(createTable(ctx, 3, 3));
      const firstCell = Selection.findFrom(tr.doc.resolve(from), 1, true);
      if (firstCell) tr.setSelection(firstCell);
      dispatch?.(tr.scrollIntoView());
      return true;
    },
    rule: insertRule,
    undo,
    redo,
    addRow: addRowAfter,
    addColumn: addColumnAfter,
    deleteRow,
    deleteColumn,
    deleteTable,
    deleteImage: deleteSelectedImage,
  };

  return {
    markdown: () => serialize(view.state.doc),
    load(text) {
      // One step of its own in the undo history (not merged with the typing before or after it), so
      // switching to the markdown view and back keeps undo.
      const { state } = view;
      const tr = closeHistory(state.tr.replaceWith(0, state.doc.content.size, parse(text).content)).setMeta(EXTERNAL, true);
      tr.setSelection(Selection.near(tr.doc.resolve(Math.min(state.selection.from, tr.doc.content.size))));
      view.dispatch(tr);
      view.dispatch(closeHistory(view.state.tr).setMeta(EXTERNAL, true));
    },
    insertMarkdown(text) {
      const { body, notes } = fitFootnotes(parse(text), usedFootnoteLabels(view.state.doc), schema);
      const tr = view.state.tr;
      const from = tr.selection.from;
      if (body.size > 0) tr.replaceSelection(Slice.maxOpen(body));
      const to = tr.selection.to;
      for (const note of notes) tr.insert(tr.doc.content.size, note);
      view.dispatch(tr.scrollIntoView());
      return { from, to };
    },
    insertText(text) {
      view.dispatch(view.state.tr.insertText(text).scrollIntoView());
    },
    run(command) {
      run(commandsByName[command]);
      view.focus();
    },
    linkAtSelection() {
      const { from, to, empty } = view.state.selection;
      const range = linkRange(view.state, from);
      if (range) return { href: String(range.mark.attrs.href), text: view.state.doc.textBetween(range.from, range.to), editing: true };
      return { href: "", text: empty ? "" : view.state.doc.textBetween(from, to, " "), editing: false };
    },
    setLink(href, text) {
      const { state } = view;
      const type = schema.marks.link;
      const { from, to, empty } = state.selection;
      const range = linkRange(state, from);
      const tr = state.tr;
      if (range) {
        tr.removeMark(range.from, range.to, type).addMark(range.from, range.to, type.create({ href }));
      } else if (!empty) {
        tr.addMark(from, to, type.create({ href }));
      } else {
        const label = text.trim() || href;
        tr.insert(from, schema.text(label, [...state.selection.$from.marks(), type.create({ href })]));
        tr.setSelection(TextSelection.create(tr.doc, from + label.length));
        // What is typed next is not part of the link.
        tr.setStoredMarks(state.selection.$from.marks().filter((mark) => mark.type !== type));
      }
      view.dispatch(tr.scrollIntoView());
      view.focus();
    },
    removeLink() {
      const range = linkRange(view.state, view.state.selection.from);
      const { from, to } = range ?? view.state.selection;
      view.dispatch(view.state.tr.removeMark(from, to, schema.marks.link));
      view.focus();
    },
    insertImage(image, at) {
      const figure = schema.nodes.paragraph.create(null, schema.nodes.image.create(image));
      const tr = view.state.tr;
      if (at !== null && at <= tr.doc.content.size) tr.setSelection(TextSelection.near(tr.doc.resolve(at)));
      const { $from } = tr.selection;
      // An image gets a paragraph of its own, as images in posts do, and what is typed next starts the
      // paragraph after it.
      const emptyParagraph = $from.parent.type === schema.nodes.paragraph && $from.parent.content.size === 0 && $from.depth > 0;
      const start = emptyParagraph ? $from.before() : $from.depth > 0 ? $from.after(1) : tr.doc.content.size;
      tr.replaceWith(start, emptyParagraph ? $from.after() : start, [figure, schema.nodes.paragraph.create()]);
      tr.setSelection(TextSelection.create(tr.doc, start + figure.nodeSize + 1));
      view.dispatch(tr.scrollIntoView());
      view.focus();
    },
    updateSelectedImage(changes) {
      const { selection } = view.state;
      if (!(selection instanceof NodeSelection) || selection.node.type !== schema.nodes.image) return;
      view.dispatch(view.state.tr.setNodeMarkup(selection.from, undefined, { ...selection.node.attrs, ...changes }));
      view.focus();
    },
    imagesNeedingAttention() {
      const found: ImageNeedingAttention[] = [];
      view.state.doc.descendants((node, pos) => {
        if (node.type !== schema.nodes.image) return true;
        const placeholder = placeholderOf(String(node.attrs.src));
        if (placeholder || !String(node.attrs.alt).trim()) found.push({ pos, alt: String(node.attrs.alt), title: String(node.attrs.title ?? ""), placeholder });
        return false;
      });
      return found;
    },
    selectImage(pos) {
      if (view.state.doc.nodeAt(pos)?.type !== schema.nodes.image) return;
      view.dispatch(view.state.tr.setSelection(NodeSelection.create(view.state.doc, pos)).scrollIntoView());
    },
    setAttributes(next) {
      viewAttributes = next;
      view.setProps({ attributes: () => viewAttributes });
    },
    focus: () => view.focus(),
    destroy: async () => {
      await editor.destroy();
    },
  };
}
