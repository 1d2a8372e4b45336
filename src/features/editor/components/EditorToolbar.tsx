"use client";
// The formatting toolbar: one tab stop, arrow keys between buttons (the ARIA toolbar pattern),
// aria-pressed on the formats that can be on or off, and the keyboard shortcut in each tooltip.
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from "react";
import type { BlockCommand, FormatState } from "../rich-text-engine";
import styles from "./RichTextEditor.module.css";

export type ToolbarAction = BlockCommand | "link" | "image" | "editImage" | "uploadImage";

type ToolbarButton = {
  action: ToolbarAction;
  label: string;
  icon: ReactNode;
  /** Keys as aria-keyshortcuts names them; shown in the tooltip. */
  shortcut?: string;
  pressed?: (state: FormatState) => boolean;
  disabled?: (state: FormatState) => boolean;
  /** Starts a new group (a small gap before it). */
  groupStart?: boolean;
  text?: boolean;
};

const svg = (children: ReactNode) => (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
    {children}
  </svg>
);
const glyph = (text: string, style?: CSSProperties) => (
  <span aria-hidden="true" className={styles.glyph} style={style}>
    {text}
  </span>
);

const FORMAT_BUTTONS: ToolbarButton[] = [
  // The accessible names start with the letters shown (WCAG 2.5.3, label in name).
  { action: "heading", label: "H2 heading", icon: glyph("H2"), shortcut: "Control+Alt+2", pressed: (state) => state.heading },
  { action: "subheading", label: "H3 subheading", icon: glyph("H3"), shortcut: "Control+Alt+3", pressed: (state) => state.subheading },
  { action: "bold", label: "Bold", icon: glyph("B", { fontWeight: 800 }), shortcut: "Control+B", pressed: (state) => state.bold, groupStart: true },
  { action: "italic", label: "Italic", icon: glyph("I", { fontStyle: "italic", fontFamily: "Georgia, serif" }), shortcut: "Control+I", pressed: (state) => state.italic },
  {
    action: "link",
    label: "Link",
    shortcut: "Control+K",
    pressed: (state) => state.link,
    icon: svg(<path d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" />),
  },
  {
    action: "quote",
    label: "Quote",
    shortcut: "Control+Shift+B",
    pressed: (state) => state.quote,
    groupStart: true,
    icon: svg(<path d="M6 7h4v4c0 3-1.5 5-4 6M14 7h4v4c0 3-1.5 5-4 6" />),
  },
  {
    action: "bulletList",
    label: "Bulleted list",
    shortcut: "Control+Alt+8",
    pressed: (state) => state.bulletList,
    icon: svg(
      <>
        <path d="M10 6h10M10 12h10M10 18h10" />
        <circle cx="5" cy="6" r="1" fill="currentColor" />
        <circle cx="5" cy="12" r="1" fill="currentColor" />
        <circle cx="5" cy="18" r="1" fill="currentColor" />
      </>,
    ),
  },
  {
    action: "orderedList",
    label: "Numbered list",
    shortcut: "Control+Alt+7",
    pressed: (state) => state.orderedList,
    icon: svg(<path d="M10 6h10M10 12h10M10 18h10M4 5l1.5-1v5M3.5 13.5c.3-1 2.7-1 2.7.4 0 1-2.7 1.8-2.7 3.1h2.9" />),
  },
  {
    action: "footnote",
    label: "Footnote",
    groupStart: true,
    icon: svg(<path d="M3 19h11M3 15h11M3 11h7M16 9l2.5-2V13" />),
  },
  {
    action: "table",
    label: "Table",
    icon: svg(<path d="M4 5h16v14H4zM4 10h16M4 15h16M10 5v14" />),
  },
  { action: "rule", label: "Divider line", icon: svg(<path d="M3 12h18M8 6h8M8 18h8" strokeWidth="1" />) },
  {
    action: "image",
    label: "Image",
    icon: svg(
      <>
        <path d="M4 5h16v14H4zM4 16l5-5 4 4 2-2 5 5" />
        <circle cx="15.5" cy="9" r="1.5" />
      </>,
    ),
  },
  {
    action: "undo",
    label: "Undo",
    shortcut: "Control+Z",
    groupStart: true,
    disabled: (state) => !state.canUndo,
    icon: svg(<path d="M9 15 4 10l5-5M4 10h10a5 5 0 0 1 0 10h-2" />),
  },
  {
    action: "redo",
    label: "Redo",
    shortcut: "Control+Y",
    disabled: (state) => !state.canRedo,
    icon: svg(<path d="m15 15 5-5-5-5M20 10H10a5 5 0 0 0 0 10h2" />),
  },
];

const TABLE_BUTTONS: ToolbarButton[] = [
  { action: "addRow", label: "Add row", icon: null, text: true },
  { action: "addColumn", label: "Add column", icon: null, text: true },
  { action: "deleteRow", label: "Delete row", icon: null, text: true },
  { action: "deleteColumn", label: "Delete column", icon: null, text: true },
  { action: "deleteTable", label: "Delete table", icon: null, text: true },
];

const IMAGE_BUTTONS: ToolbarButton[] = [
  { action: "editImage", label: "Edit description and caption", icon: null, text: true },
  { action: "deleteImage", label: "Remove image", icon: null, text: true },
];
const PLACEHOLDER_BUTTONS: ToolbarButton[] = [{ action: "uploadImage", label: "Upload the image", icon: null, text: true }, ...IMAGE_BUTTONS];

/** "Control+Alt+2" as people on this computer read it. */
function readableShortcut(shortcut: string, mac: boolean): string {
  return mac ? shortcut.replace("Control+", "⌘").replace("Alt+", "⌥").replace("Shift+", "⇧") : shortcut.replace("Control+", "Ctrl+");
}

export function EditorToolbar({
  label,
  state,
  onAction,
  onEscape,
  focusRequest,
}: {
  label: string;
  state: FormatState;
  onAction: (action: ToolbarAction) => void;
  /** Escape in the toolbar: back to the text. */
  onEscape: () => void;
  /** Increments when the editor asks for the toolbar (Escape or Alt+F10 in the text). */
  focusRequest: number;
}) {
  const buttons = [...FORMAT_BUTTONS, ...(state.inTable ? TABLE_BUTTONS : []), ...(state.image ? (state.image.placeholder ? PLACEHOLDER_BUTTONS : IMAGE_BUTTONS) : [])];
  const [active, setActive] = useState(0);
  const [mac, setMac] = useState(false);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = Math.min(active, buttons.length - 1);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the platform is known only in the browser
    setMac(/Mac|iPhone|iPad/.test(navigator.platform));
  }, []);
  useEffect(() => {
    if (focusRequest > 0) refs.current[current]?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new request moves focus
  }, [focusRequest]);

  const move = (index: number) => {
    const next = (index + buttons.length) % buttons.length;
    setActive(next);
    refs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(current + 1),
      ArrowLeft: () => move(current - 1),
      Home: () => move(0),
      End: () => move(buttons.length - 1),
      Escape: onEscape,
    };
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  };

  const renderButton = (button: ToolbarButton, index: number) => {
    const disabled = button.disabled?.(state) ?? false;
    const shortcut = button.shortcut ? readableShortcut(button.shortcut, mac) : null;
    return (
      <button
        key={button.action}
        ref={(element) => {
          refs.current[index] = element;
        }}
        type="button"
        className={`${styles.toolButton} ${button.text ? styles.textButton : ""} ${button.groupStart && index > 0 ? styles.groupStart : ""}`}
        tabIndex={index === current ? 0 : -1}
        aria-label={button.text ? undefined : button.label}
        aria-pressed={button.pressed ? button.pressed(state) : undefined}
        aria-disabled={disabled || undefined}
        aria-keyshortcuts={button.shortcut ? `${button.shortcut} ${button.shortcut.replace("Control+", "Meta+")}` : undefined}
        title={shortcut ? `${button.label} (${shortcut})` : button.label}
        // Keep the text's selection: a click must not move focus out of the editor first.
        onMouseDown={(event) => event.preventDefault()}
        onFocus={() => setActive(index)}
        onClick={() => {
          if (!disabled) onAction(button.action);
        }}
      >
        {button.text ? button.label : button.icon}
      </button>
    );
  };

  // The table's or image's own buttons get a row of their own, so a phone shows them too.
  return (
    <div role="toolbar" aria-label={label} aria-orientation="horizontal" className={styles.toolbar} onKeyDown={onKeyDown}>
      <div className={styles.toolRow}>{FORMAT_BUTTONS.map(renderButton)}</div>
      {buttons.length > FORMAT_BUTTONS.length && (
        <div className={`${styles.toolRow} ${styles.contextRow}`}>
          {buttons.slice(FORMAT_BUTTONS.length).map((button, offset) => renderButton(button, FORMAT_BUTTONS.length + offset))}
        </div>
      )}
    </div>
  );
}
