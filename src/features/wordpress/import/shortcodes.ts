// WordPress shortcodes in post text: `[name attr="value" …]`, `[name … /]`, `[name …]content[/name]`, and
// `[[name]]`, which is how WordPress writes a literal `[name]` (given back as `[name]`, never expanded). Docket's own scanner (written for Docket,
// not taken from WordPress): it finds each shortcode left to right, reads its attributes, and lets the
// caller replace it. A shortcode's content ends at the first closing tag of the same name, as in WordPress,
// so the same shortcode does not nest inside itself; other shortcodes inside its content are left for the
// caller to expand (it gets the content as text).

export type ShortcodeType = "single" | "self-closing" | "closed";

export class Shortcode {
  constructor(
    readonly tag: string,
    readonly attrs: { named: Record<string, string>; numeric: string[] },
    readonly type: ShortcodeType,
    readonly content: string | undefined,
    /** The opening tag as written, e.g. `[caption id="x"]`. */
    readonly openingTag: string,
  ) {}

  /** A named attribute (names are lower-case), or a positional one by index. */
  get(attribute: string | number): string | undefined {
    return typeof attribute === "number" ? this.attrs.numeric[attribute] : this.attrs.named[attribute.toLowerCase()];
  }
}

export type ShortcodeMatch = {
  shortcode: Shortcode;
  /** The whole text the shortcode takes, from `[` to its last `]`. */
  text: string;
  /** For a closed shortcode: the closing tag as written. */
  closingTag: string | undefined;
};

/** Whitespace WordPress also treats as a separator between attributes: no-break and zero-width spaces. */
const ODD_SPACES = /[\u00a0\u200b]/g;

/** Attributes the way WordPress reads them: name="value", name='value', name=value, "value", 'value', value. */
export function parseShortcodeAttributes(text: string): { named: Record<string, string>; numeric: string[] } {
  const named: Record<string, string> = {};
  const numeric: string[] = [];
  const source = text.replace(ODD_SPACES, " ");
  let at = 0;
  const length = source.length;
  while (at < length) {
    while (at < length && /\s/.test(source[at])) at += 1;
    if (at >= length) break;
    const nameMatch = /^([\w-]+)\s*=\s*/.exec(source.slice(at));
    if (nameMatch) {
      const name = nameMatch[1].toLowerCase();
      at += nameMatch[0].length;
      const [value, next] = readValue(source, at);
      named[name] = value;
      at = next;
      continue;
    }
    const [value, next] = readValue(source, at);
    numeric.push(value);
    at = next;
  }
  return { named, numeric };
}

/** A quoted value up to its closing quote, or a bare one up to the next whitespace. */
function readValue(source: string, at: number): [string, number] {
  const quote = source[at];
  if (quote === '"' || quote === "'") {
    const end = source.indexOf(quote, at + 1);
    if (end !== -1) return [source.slice(at + 1, end), end + 1];
    return [source.slice(at + 1), source.length];
  }
  let end = at;
  while (end < source.length && !/\s/.test(source[end])) end += 1;
  return [source.slice(at, end), end];
}

const OPENING = /\[([A-Za-z][\w-]*)(?=[\s\]/=])/g;

/**
 * Calls `replace` for each shortcode in `text`, left to right, and puts what it returns in the shortcode's
 * place (`undefined` keeps the text as it was). The scan goes on after each shortcode, so shortcodes in a
 * closed shortcode's content are the caller's to expand.
 */
export function replaceShortcodes(text: string, replace: (match: ShortcodeMatch) => string | undefined): string {
  let output = "";
  let copied = 0;
  OPENING.lastIndex = 0;
  for (let found = OPENING.exec(text); found !== null; found = OPENING.exec(text)) {
    const start = found.index;
    const tag = found[1];
    const close = text.indexOf("]", OPENING.lastIndex);
    if (close === -1) break;
    const attributeText = text.slice(OPENING.lastIndex, close);
    if (attributeText.includes("[")) continue; // "[a [b]": the first bracket is not a shortcode
    const selfClosing = attributeText.endsWith("/");
    const openingTag = text.slice(start, close + 1);
    let end = close + 1;
    let content: string | undefined;
    let closingTag: string | undefined;
    if (!selfClosing) {
      const closing = `[/${tag}]`;
      const closingAt = text.indexOf(closing, end);
      if (closingAt !== -1) {
        content = text.slice(end, closingAt);
        closingTag = closing;
        end = closingAt + closing.length;
      }
    }
    if (start > 0 && text[start - 1] === "[" && text[end] === "]" && start - 1 >= copied) {
      // [[name]] is how WordPress writes the literal [name]: drop the doubled brackets, expand nothing.
      output += text.slice(copied, start - 1) + text.slice(start, end);
      copied = end + 1;
      OPENING.lastIndex = end + 1;
      continue;
    }
    const attrs = parseShortcodeAttributes(selfClosing ? attributeText.slice(0, -1) : attributeText);
    const shortcode = new Shortcode(tag, attrs, selfClosing ? "self-closing" : content === undefined ? "single" : "closed", content, openingTag);
    const replacement = replace({ shortcode, text: text.slice(start, end), closingTag });
    if (replacement !== undefined) {
      output += text.slice(copied, start) + replacement;
      copied = end;
    }
    OPENING.lastIndex = replacement !== undefined || content !== undefined ? end : close + 1;
  }
  return output + text.slice(copied);
}
