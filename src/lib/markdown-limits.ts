// Markdown whose parsing would take time growing with the square of its size, made linear before it
// reaches the parser. micromark reads a paragraph's inline syntax as one stream of events and
// resolves it with work that grows with (events in the paragraph) × (syntax pieces in it): unmatched
// `*` look back over every earlier one, and every escape, link or code span merges the text events
// around it with an array splice over the rest of the paragraph. Ordinary paragraphs hold a few dozen
// such pieces; a hostile one holds tens of thousands. And a table pads every row to its header's width,
// so a wide header with many short rows is rows × columns cells.
//
// So, per paragraph (consecutive lines, each table row and each list item on its own):
// - a kind of syntax character used more than MAX_PER_PARAGRAPH times loses its meaning there: each is
//   swapped for a private-use stand-in that the parser reads as plain text, and swapped back in the
//   output (restoreHtml, restoreText), so readers see exactly the characters written;
// - a paragraph of more than MAX_LINES_PER_PARAGRAPH lines is broken into paragraphs of that many;
// and a table with more than MAX_TABLE_COLUMNS columns, or rows past MAX_TABLE_CELLS cells, is text.
// Ordinary documents pass through unchanged.

import { z } from "zod";

/**
 * The most a post's or page's text may hold: what a writer meets, with a message, long before the
 * rendering's cost (which grows with the characters and, most, with the lines) does.
 */
export const BODY_MAX = 150_000;
export const BODY_MAX_LINES = 5_000;

/** A post's or page's markdown as a form sends it, within BODY_MAX and BODY_MAX_LINES. */
export function markdownBodySchema(what: "post" | "page") {
  return z
    .string()
    .max(BODY_MAX, `The ${what} is too long (at most ${BODY_MAX.toLocaleString("en-GB")} characters).`)
    .refine((text) => lineCount(text) <= BODY_MAX_LINES, `The ${what} has too many lines (at most ${BODY_MAX_LINES.toLocaleString("en-GB")}): join short lines into paragraphs.`);
}

export function lineCount(text: string): number {
  let lines = 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines++;
  return lines;
}

/** Uses of one kind of inline syntax in one paragraph before it is read as text there. */
export const MAX_PER_PARAGRAPH = 256;
export const MAX_LINES_PER_PARAGRAPH = 256;
export const MAX_TABLE_COLUMNS = 64;
export const MAX_TABLE_CELLS = 10_000;

/**
 * The kinds of inline syntax, each as the characters that make it: emphasis, strikethrough, links,
 * code, HTML and autolinks, entities, escapes, @handles and #hashtags (Docket links them to X), and the
 * addresses GFM links by itself (e-mail, www., and http:// and the like, by their "@", "." and ":").
 */
const SYNTAX_KINDS = [/[*_]/g, /~/g, /[[\]]/g, /`/g, /</g, /&/g, /\\/g, /@/g, /#/g, /(?<=\bwww)\./gi, /:(?=\/\/)/g];
const STANDS_IN = 0xf0000; // Supplementary Private Use Area-A: a character's stand-in is STANDS_IN + its code
const STAND_IN = /[\u{F0000}-\u{F007F}]/gu;
const STAND_IN_ENCODED = /%F3%B0%8[01]%[89AB][0-9A-F]/g;

const standInFor = (char: string) => String.fromCodePoint(STANDS_IN + char.charCodeAt(0));
const originalOf = (standIn: string) => String.fromCharCode((standIn.codePointAt(0) ?? STANDS_IN) - STANDS_IN);

// Blockquote markers and list markers before a line's text, as CommonMark reads them.
const CONTAINER_PREFIX = /^(?:[ \t]{0,3}(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*)*/;
const LIST_MARKER = /(?:[-+*]|\d[.)])(?:[ \t]|$)/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
const THEMATIC_BREAK = /^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
// Lines that start a block of their own: headings, definitions and footnote definitions, HTML, setext underlines.
const BLOCK_START = /^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|\[[^\]]*\]:|<|=+[ \t]*$)/;
const DELIMITER_ROW = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function isDelimiterRow(line: string | undefined): line is string {
  if (line === undefined) return false;
  const { content } = splitContainer(line);
  return content.includes("|") && DELIMITER_ROW.test(content);
}

function splitContainer(line: string): { prefix: string; content: string } {
  const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? "";
  return { prefix, content: line.slice(prefix.length) };
}

function tableColumns(delimiterRow: string): number {
  return delimiterRow.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").length;
}

/** Lines of a run (one paragraph, table row or list item) with their syntax limited as described above. */
function limitRun(lines: string[], out: string[]) {
  for (let start = 0; start < lines.length; start += MAX_LINES_PER_PARAGRAPH) {
    const part = lines.slice(start, start + MAX_LINES_PER_PARAGRAPH);
    if (start > 0) out.push(splitContainer(part[0]).prefix.replace(/[^>]/g, "").split("").join(" "));
    const split = part.map(splitContainer);
    const excess = SYNTAX_KINDS.filter((kind) => split.reduce((count, { content }) => count + (content.match(kind)?.length ?? 0), 0) > MAX_PER_PARAGRAPH);
    if (excess.length === 0) {
      out.push(...part);
      continue;
    }
    for (const { prefix, content } of split) out.push(prefix + excess.reduce((text, kind) => text.replace(kind, standInFor), content));
  }
}

/**
 * The markdown with every paragraph's inline syntax and line count, and every table's size, within the
 * limits above. Call restoreHtml / restoreText on what is rendered from it. Comments know no code
 * blocks, tables, lists, headings or definitions: there every run of lines up to a blank one is one
 * paragraph.
 */
export function limitMarkdownSyntax(text: string, syntax: "post" | "comment" = "post"): string {
  // The stand-ins are this file's alone: any in the text (private-use characters nobody types) go.
  const markdown = text.replace(STAND_IN, "");
  if (syntax === "comment") return limitCommentSyntax(markdown);
  const lines = markdown.split("\n");
  const out: string[] = [];
  let run: string[] = [];
  const endRun = () => {
    if (run.length > 0) limitRun(run, out);
    run = [];
  };
  let fence: string | null = null;
  let tableCells = 0;
  let tableColumnCount = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const { content } = splitContainer(line);
    const fenceMark = FENCE.exec(content)?.[1];
    if (fence !== null) {
      // Code: no inline syntax, read in linear time; kept exactly as written.
      out.push(line);
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && content.trim() === fenceMark) fence = null;
      continue;
    }
    if (fenceMark) {
      endRun();
      fence = fenceMark;
      out.push(line);
      continue;
    }
    if (content.trim() === "") {
      endRun();
      tableColumnCount = 0;
      out.push(line);
      continue;
    }
    if (tableColumnCount > 0) {
      // A row of a table: its cells are read one by one; past the cell limit, the rest of the table is text.
      tableCells += tableColumnCount;
      if (tableCells > MAX_TABLE_CELLS) {
        out.push("");
        tableColumnCount = 0;
        run.push(line);
        continue;
      }
      endRun();
      limitRun([line], out);
      continue;
    }
    const next = lines[index + 1];
    if (line.includes("|") && isDelimiterRow(next)) {
      endRun();
      const columns = tableColumns(splitContainer(next).content);
      if (columns > MAX_TABLE_COLUMNS) {
        // Too wide to be a table: it is read as a paragraph.
        run.push(line, next.replaceAll("|", standInFor("|")));
        index++;
        continue;
      }
      tableColumnCount = columns;
      tableCells = columns;
      limitRun([line], out);
      out.push(next);
      index++;
      continue;
    }
    if (LIST_MARKER.test(splitContainer(line).prefix) || BLOCK_START.test(content) || THEMATIC_BREAK.test(content)) endRun();
    run.push(line);
  }
  endRun();
  return out.join("\n");
}

function limitCommentSyntax(markdown: string): string {
  const out: string[] = [];
  let run: string[] = [];
  for (const line of markdown.split("\n")) {
    if (splitContainer(line).content.trim() !== "") {
      run.push(line);
      continue;
    }
    limitRun(run, out);
    run = [];
    out.push(line);
  }
  limitRun(run, out);
  return out.join("\n");
}

const HTML_ESCAPES: Record<string, string> = { "<": "&#x3C;", "&": "&#x26;" };

/** HTML rendered from limited markdown, with each stand-in back as the character it stands for. */
export function restoreHtml(html: string): string {
  if (!html.includes("\u{DB80}") && !html.includes("%F3%B0%8")) return html;
  return html
    .replace(STAND_IN, (standIn) => {
      const char = originalOf(standIn);
      return HTML_ESCAPES[char] ?? char;
    })
    // In an address a stand-in comes back percent-encoded, never as the character itself: a ":" that
    // the sanitizer did not see must not make "javascript//…" a scheme after it has passed.
    .replace(STAND_IN_ENCODED, (encoded) => encodeURIComponent(originalOf(decodeURIComponent(encoded))));
}

/** Plain text (an excerpt, a feed's text) rendered from limited markdown, with the stand-ins back. */
export function restoreText(text: string): string {
  return text.includes("\u{DB80}") ? text.replace(STAND_IN, originalOf) : text;
}
