"use client";
// A rich-text editor over markdown, for writers who do not know markdown: a toolbar, the usual
// shortcuts, markdown shortcuts as one types, paste from Word and Google Docs (converted on the
// server), images by drag and drop or paste, and a switch to the plain markdown for those who prefer
// it. `value` and `onChange` are markdown: what is stored, diffed and rendered for readers.
//
// The engine (Milkdown, see rich-text-engine.ts) is imported on demand, the first time the formatted
// view is shown, so its JavaScript loads only where the editor is used, after the page.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { MAX_PASTED_HTML_CHARACTERS } from "../paste-limit";
import type { FormatState, ImageNeedingAttention, RichTextEngine } from "../rich-text-engine";
import { EditorToolbar, type ToolbarAction } from "./EditorToolbar";
import { ImageDialog, type ImageRequest } from "./ImageDialog";
import { LinkDialog, type LinkRequest } from "./LinkDialog";
import styles from "./RichTextEditor.module.css";

export type RichTextEditorProps = {
  /** The markdown textarea's id; the formatted view's text area is `${id}-formatted`. */
  id: string;
  label: string;
  /** Markdown. */
  value: string;
  onChange: (markdown: string) => void;
  onUploadImage?: (file: File) => Promise<{ url: string }>;
  /** Turns pasted HTML into markdown; without it, ProseMirror reads pasted HTML itself. */
  onPasteHtml?: (html: string) => Promise<string>;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
};

type View = "formatted" | "markdown";

const VIEW_STORAGE_KEY = "docket:editor-view";
/** Typing is written out as markdown this long after the last keystroke (and at once on leaving). */
const SERIALIZE_DELAY_MS = 150;

const NOTHING_ACTIVE: FormatState = {
  bold: false,
  italic: false,
  link: false,
  heading: false,
  subheading: false,
  quote: false,
  bulletList: false,
  orderedList: false,
  inTable: false,
  image: null,
  canUndo: false,
  canRedo: false,
};

export function RichTextEditor({ id, label, value, onChange, onUploadImage, onPasteHtml, ...aria }: RichTextEditorProps) {
  const labelId = useId();
  const hintId = useId();
  const [view, setView] = useState<View>("formatted");
  const [ready, setReady] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const [format, setFormat] = useState<FormatState>(NOTHING_ACTIVE);
  const [status, setStatus] = useState("");
  const [toolbarFocusRequest, setToolbarFocusRequest] = useState(0);
  const [linkRequest, setLinkRequest] = useState<LinkRequest | null>(null);
  const [imageRequest, setImageRequest] = useState<ImageRequest | null>(null);
  const mount = useRef<HTMLDivElement>(null);
  const engine = useRef<RichTextEngine | null>(null);
  /** The markdown the engine's document stands for: loaded into it, or last written out of it. */
  const engineValue = useRef(value);
  const pendingWrite = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const imageQueue = useRef<{ files: File[]; at: number | null }>({ files: [], at: null });
  /** Pasted images still to upload or describe, one dialog after another. */
  const attentionQueue = useRef<ImageNeedingAttention[]>([]);
  const latest = useRef({ value, onChange, onPasteHtml, onUploadImage });
  useEffect(() => {
    latest.current = { value, onChange, onPasteHtml, onUploadImage };
  });
  const describedBy = [hintId, aria["aria-describedby"]].filter(Boolean).join(" ");
  const invalid = Boolean(aria["aria-invalid"]);
  const viewAttributes = useMemo(
    () => ({
      class: styles.prose,
      id: `${id}-formatted`,
      "aria-labelledby": `${labelId}-formatted`,
      "aria-describedby": describedBy,
      "aria-multiline": "true",
      ...(invalid ? { "aria-invalid": "true" } : {}),
      spellcheck: "true",
    }),
    [id, labelId, describedBy, invalid],
  );
  const attributes = useRef(viewAttributes);
  useEffect(() => {
    attributes.current = viewAttributes;
    engine.current?.setAttributes(viewAttributes);
  }, [viewAttributes]);

  /** Writes the document out as markdown now, if the writer changed it since the last time. */
  const flush = useCallback(() => {
    if (pendingWrite.current === undefined || !engine.current) return;
    clearTimeout(pendingWrite.current);
    pendingWrite.current = undefined;
    const markdown = engine.current.markdown();
    engineValue.current = markdown;
    if (markdown !== latest.current.value) latest.current.onChange(markdown);
  }, []);

  /** The next pasted image to upload or describe, selected and asked about; false when none is left. */
  const nextAttention = useCallback((): boolean => {
    const image = attentionQueue.current.shift();
    if (!image || !engine.current) return false;
    engine.current.selectImage(image.pos);
    setImageRequest(image.placeholder ? { kind: "upload", fileName: image.placeholder, alt: image.alt, title: image.title } : { kind: "edit", alt: image.alt, title: image.title });
    return true;
  }, []);

  const nextImage = useCallback(() => {
    const file = imageQueue.current.files.shift();
    if (file) setImageRequest({ kind: "new", file, at: imageQueue.current.at });
    else if (!nextAttention()) setImageRequest(null);
  }, [nextAttention]);

  const pasteHtml = useCallback((html: string, plainText: string): boolean => {
    const convert = latest.current.onPasteHtml;
    if (!convert || html.length > MAX_PASTED_HTML_CHARACTERS) return false;
    setStatus("Converting the pasted text…");
    convert(html).then(
      (markdown) => {
        const editor = engine.current;
        if (!editor) return;
        const pasted = editor.insertMarkdown(markdown);
        // The pasted images Docket could not copy, or without a description, are asked about in turn.
        const needing = editor.imagesNeedingAttention().filter((image) => image.pos >= pasted.from && image.pos < pasted.to);
        attentionQueue.current = needing;
        const count = needing.length === 1 ? "One image needs" : `${needing.length} images need`;
        setStatus(needing.length > 0 ? `Pasted with its formatting. ${count} your attention: upload its file or describe it.` : "Pasted with its formatting.");
        nextAttention();
      },
      (error: unknown) => {
        engine.current?.insertText(plainText);
        setStatus(`Pasted as plain text: ${error instanceof Error ? error.message : "the formatting could not be kept."}`);
      },
    );
    return true;
  }, [nextAttention]);

  // The engine is created the first time the formatted view shows, and lives until the page goes.
  useEffect(() => {
    if (view !== "formatted" || engine.current || !mount.current) return;
    let cancelled = false;
    const root = mount.current;
    import("../rich-text-engine")
      .then(({ createRichTextEngine }) =>
        createRichTextEngine(root, engineValue.current, attributes.current, {
          onDocumentChange: () => {
            clearTimeout(pendingWrite.current);
            pendingWrite.current = setTimeout(flush, SERIALIZE_DELAY_MS);
          },
          onFormatState: (state) => setFormat((previous) => (JSON.stringify(previous) === JSON.stringify(state) ? previous : state)),
          onLinkShortcut: () => openLinkDialog(),
          onToolbarShortcut: () => setToolbarFocusRequest((count) => count + 1),
          onTableEscape: () => setStatus("Press Tab to leave the table, or Escape again for the toolbar."),
          onImageFiles: (files, at) => {
            imageQueue.current = { files: [...files], at };
            nextImage();
          },
          onPasteHtml: pasteHtml,
        }),
      )
      .then((created) => {
        if (cancelled) return void created.destroy();
        engine.current = created;
        // The value may have moved on while the engine loaded (a restored browser copy, say).
        if (latest.current.value !== engineValue.current) {
          created.load(latest.current.value);
          engineValue.current = latest.current.value;
        }
        setReady(true);
      })
      .catch((error: unknown) => {
        console.error(error);
        if (!cancelled) setLoadFailed(true);
      });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once; callbacks read refs
  }, [view]);

  useEffect(
    () => () => {
      flush();
      void engine.current?.destroy();
      engine.current = null;
    },
    [flush],
  );

  // A new value from outside (a restored copy, the markdown view) replaces the document.
  useEffect(() => {
    if (view !== "formatted" || !engine.current || pendingWrite.current !== undefined || value === engineValue.current) return;
    engine.current.load(value);
    engineValue.current = value;
  }, [value, view, ready]);

  // Leaving the page or the text writes out what was typed.
  useEffect(() => {
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, [flush]);

  useEffect(() => {
    let preferred: string | null = null;
    try {
      preferred = window.localStorage.getItem(VIEW_STORAGE_KEY);
    } catch {
      // Storage disabled: the formatted view, as on any first visit.
    }
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the writer's preferred view, known only in the browser
    if (preferred === "markdown") setView("markdown");
  }, []);

  const switchView = (next: View) => {
    if (next === view) return;
    flush();
    setView(next);
    try {
      window.localStorage.setItem(VIEW_STORAGE_KEY, next);
    } catch {
      // Storage disabled: the choice lasts until the page is left.
    }
  };

  function openLinkDialog() {
    const current = engine.current?.linkAtSelection();
    if (!current) return;
    setLinkRequest({ ...current, askText: !current.editing && current.text === "" });
  }

  const onAction = (action: ToolbarAction) => {
    const editor = engine.current;
    if (!editor) return;
    if (action === "link") openLinkDialog();
    else if (action === "image") setImageRequest({ kind: "new", file: null, at: null });
    else if (action === "editImage") setImageRequest(format.image ? { kind: "edit", alt: format.image.alt, title: format.image.title } : null);
    else if (action === "uploadImage") setImageRequest(format.image?.placeholder ? { kind: "upload", fileName: format.image.placeholder, alt: format.image.alt, title: format.image.title } : null);
    else editor.run(action);
  };

  return (
    <div className={styles.editor}>
      <div className={styles.header}>
        {view === "formatted" ? (
          <span className="field-label" id={`${labelId}-formatted`}>
            {label}
          </span>
        ) : (
          <label htmlFor={id}>
            {label} (markdown)
          </label>
        )}
        <div role="group" aria-label="How to edit the text" className={styles.views}>
          <button type="button" className={styles.viewButton} aria-pressed={view === "formatted"} onClick={() => switchView("formatted")}>
            Formatted
          </button>
          <button type="button" className={styles.viewButton} aria-pressed={view === "markdown"} onClick={() => switchView("markdown")}>
            Markdown
          </button>
        </div>
      </div>

      <div className={styles.frame} hidden={view !== "formatted"}>
        {view === "formatted" && (
          <EditorToolbar
            label={`Formatting for ${label.toLowerCase()}`}
            state={format}
            onAction={onAction}
            onEscape={() => engine.current?.focus()}
            focusRequest={toolbarFocusRequest}
          />
        )}
        <div className={styles.surface} onBlur={flush}>
          {/* Milkdown's own DOM: React renders nothing inside. */}
          <div ref={mount} />
          {!ready && (
            <p className={styles.loading}>{loadFailed ? "The formatted view could not be loaded: use the markdown view." : "Loading the editor…"}</p>
          )}
        </div>
      </div>
      {view === "markdown" && (
        <textarea
          id={id}
          rows={22}
          className={styles.markdown}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={aria["aria-invalid"]}
          aria-describedby={describedBy}
        />
      )}
      <p className="form-hint" id={hintId}>
        {view === "formatted"
          ? format.inTable
            ? "In a table, Tab moves to the next cell and adds a row at the end; press Esc, then Tab, to leave the table. Shift+Enter breaks a line in a cell."
            : "Type ## for a heading, - for a list, > for a quote. Esc or Alt+F10 moves to the toolbar. Paste from Word or Google Docs keeps the formatting; drop or paste images to add them."
          : "Markdown, as it is stored. Switch back to Formatted at any time: nothing is lost."}
      </p>
      <p className={styles.status} role="status" aria-live="polite">
        {status}
      </p>
      <LinkDialog
        request={linkRequest}
        onApply={(href, text) => {
          engine.current?.setLink(href, text);
          setLinkRequest(null);
        }}
        onRemove={() => {
          engine.current?.removeLink();
          setLinkRequest(null);
        }}
        onClose={() => {
          setLinkRequest(null);
          engine.current?.focus();
        }}
      />
      <ImageDialog
        request={imageRequest}
        uploadImage={onUploadImage}
        onInsert={(image, at) => {
          engine.current?.insertImage(image, at);
          nextImage();
        }}
        onUpdate={(changes) => {
          engine.current?.updateSelectedImage(changes);
          if (!nextAttention()) setImageRequest(null);
        }}
        onClose={() => {
          attentionQueue.current = [];
          setImageRequest(null);
          engine.current?.focus();
        }}
      />
    </div>
  );
}
