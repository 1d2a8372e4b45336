// Reads a WordPress export (WXR 1.0, 1.1 or 1.2, self-hosted or WordPress.com) as a stream of typed records,
// yielding each as soon as its closing tag is parsed. Nothing is kept between records but the one being read,
// so a 500 MB file reads in the same memory as a 5 MB one.
import { createReadStream } from "node:fs";
import { SaxesParser, type SaxesTagNS } from "saxes";
import type { z } from "zod";
import { WXR_LIMITS } from "../limits";
import { FORBIDDEN_CHARACTERS, withoutControlCharacters } from "@/lib/control-characters";
import {
  describeWxrIssues,
  wxrAuthorSchema,
  wxrCategorySchema,
  wxrCommentSchema,
  wxrItemSchema,
  wxrSiteSchema,
  wxrTagSchema,
  wxrTermSchema,
  type WxrComment,
  type WxrEnd,
  type WxrItemTerm,
  type WxrMeta,
  type WxrProblem,
  type WxrRecord,
  type WxrSite,
} from "./types";

/** The file is not well-formed XML, is cut short, or is not a WordPress export. */
export class WxrSyntaxError extends Error {
  constructor(
    readonly reason: string,
    /** 1-based line of the fault. */
    readonly line: number,
    /** 1-based column (in characters) of the fault. */
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = "WxrSyntaxError";
  }
}

/** The file is XML, but not a WordPress export WordPress's own importer would take (WXR 1.0 to 1.2). */
export class NotAWordPressExportError extends Error {
  constructor(readonly reason: string) {
    super(`not a WordPress export: ${reason}`);
    this.name = "NotAWordPressExportError";
  }
}

const WXR_VERSIONS = ["1.0", "1.1", "1.2"];

/** Throws NotAWordPressExportError unless the channel names a WXR version from 1.0 to 1.2, as WordPress's importer asks. */
export function checkWxrVersion(site: Pick<WxrSite, "wxrVersion"> | null): void {
  if (site === null) throw new NotAWordPressExportError("it has no <channel>");
  if (site.wxrVersion === null) throw new NotAWordPressExportError("it names no WXR version (<wp:wxr_version>): a feed, or another program's file");
  if (!WXR_VERSIONS.includes(site.wxrVersion)) throw new NotAWordPressExportError(`its WXR version is “${site.wxrVersion.slice(0, 40)}”, and Docket reads 1.0 to 1.2`);
}

export type ReadWxrOptions = {
  /** Called after each chunk of the file is read, with the bytes read so far (compare with the file's size). */
  onProgress?: (bytesRead: number) => void;
};

/** Reads the WXR file at `path`; see readWxr. */
export function readWxrFile(path: string, options: ReadWxrOptions = {}): AsyncGenerator<WxrRecord, void, undefined> {
  return readWxr(createReadStream(path, { highWaterMark: 64 * 1024 }), options);
}

/**
 * Reads a WXR export from a byte stream (a file stream, or any async iterable of bytes) and yields, in file order:
 * one `site` record (the channel header), then `author`, `category`, `tag`, `term` and `item` records as they
 * complete, a `problem` for each record that does not parse (the rest go on), and last an `end` record with the
 * totals. Throws WxrSyntaxError (with line and column) when the XML is malformed or cut short; records before
 * the fault have been yielded by then.
 */
export async function* readWxr(source: AsyncIterable<Uint8Array | string>, options: ReadWxrOptions = {}): AsyncGenerator<WxrRecord, void, undefined> {
  const stats: DecodeStats = { bytesRead: 0, encoding: "utf-8", invalidByteSequences: 0, forbiddenCharactersRemoved: 0 };
  const parser: WxrSaxesParser = new SaxesParser({ xmlns: true, position: true, resolvePrefix: resolveUndeclaredPrefix });
  parser.on("error", (error) => {
    throw new WxrSyntaxError(error.message.replace(/^\d+:\d+: /, ""), parser.line, parser.column + 1);
  });
  const collector = new WxrRecordCollector(parser);

  for await (const text of decodeXmlText(source, stats, options.onProgress)) {
    parser.write(text);
    yield* collector.take();
  }
  parser.close();
  yield* collector.take();

  const end: WxrEnd = {
    kind: "end",
    bytesRead: stats.bytesRead,
    encoding: stats.encoding,
    invalidByteSequences: stats.invalidByteSequences,
    forbiddenCharactersRemoved: stats.forbiddenCharactersRemoved,
    counts: collector.counts,
  };
  yield end;
}

// ---------------------------------------------------------------------------------------------------------
// Bytes to text: the declared encoding, U+FFFD for bad UTF-8 (counted), and none of the characters no text
// may hold (src/lib/control-characters.ts), which XML 1.0 forbids or discourages.

type DecodeStats = { bytesRead: number; encoding: string; invalidByteSequences: number; forbiddenCharactersRemoved: number };

const FORBIDDEN_CHARACTER = new RegExp(FORBIDDEN_CHARACTERS.source, "u");
const ENCODED_REPLACEMENT_CHARACTER = Buffer.from([0xef, 0xbf, 0xbd]);
/** Enough of the file's start to hold its XML declaration. */
const DECLARATION_BYTES = 1024;

async function* decodeXmlText(
  source: AsyncIterable<Uint8Array | string>,
  stats: DecodeStats,
  onProgress: ((bytesRead: number) => void) | undefined,
): AsyncGenerator<string> {
  let head: Buffer | null = Buffer.alloc(0);
  let decoder: TextDecoder | null = null;
  // The last two bytes of the previous chunk, to find a genuine U+FFFD whose three bytes straddle two chunks.
  let tail = Buffer.alloc(0);

  const decode = (bytes: Buffer, final: boolean): string => {
    let text = decoder!.decode(bytes, { stream: !final });
    if (stats.encoding === "utf-8") {
      const written = countOccurrences(bytes, ENCODED_REPLACEMENT_CHARACTER) + countOccurrences(Buffer.concat([tail, bytes.subarray(0, 2)]), ENCODED_REPLACEMENT_CHARACTER);
      stats.invalidByteSequences += countReplacementCharacters(text) - written;
      const joined = bytes.length >= 2 ? bytes : Buffer.concat([tail, bytes]);
      tail = Buffer.from(joined.subarray(Math.max(0, joined.length - 2)));
    }
    if (FORBIDDEN_CHARACTER.test(text)) {
      text = text.replace(FORBIDDEN_CHARACTERS, () => {
        stats.forbiddenCharactersRemoved += 1;
        return "";
      });
    }
    return text;
  };

  for await (const chunk of source) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    stats.bytesRead += bytes.length;
    onProgress?.(stats.bytesRead);
    if (decoder) {
      yield decode(bytes, false);
      continue;
    }
    head = Buffer.concat([head!, bytes]);
    if (head.length < DECLARATION_BYTES && !head.includes(0x3e /* > */)) continue;
    decoder = createDecoder(head, stats);
    yield decode(head, false);
    head = null;
  }
  if (!decoder) {
    decoder = createDecoder(head!, stats);
    yield decode(head!, false);
  }
  // What the decoder still holds: an incomplete multi-byte sequence at the very end becomes U+FFFD.
  const rest = decode(Buffer.alloc(0), true);
  if (rest !== "") yield rest;
}

/** The encoding from a byte-order mark, else from the XML declaration, else UTF-8 (XML's default). */
function createDecoder(head: Buffer, stats: DecodeStats): TextDecoder {
  let label = "utf-8";
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) label = "utf-8";
  else if (head[0] === 0xff && head[1] === 0xfe) label = "utf-16le";
  else if (head[0] === 0xfe && head[1] === 0xff) label = "utf-16be";
  else {
    const declaration = /^<\?xml\s[^>]*?encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(head.subarray(0, DECLARATION_BYTES).toString("latin1"));
    if (declaration) label = declaration[2];
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw new WxrSyntaxError(`unsupported encoding "${label}" in the XML declaration`, 1, 1);
  }
  stats.encoding = decoder.encoding;
  return decoder;
}

function countOccurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

function countReplacementCharacters(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\uFFFD"); at !== -1; at = text.indexOf("\uFFFD", at + 1)) count += 1;
  return count;
}

// ---------------------------------------------------------------------------------------------------------
// Elements to records.

const CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/";
const DC_NAMESPACE = "http://purl.org/dc/elements/1.1/";
const WP_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/[^/]+\/$/;
const EXCERPT_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/[^/]+\/excerpt\/$/;

/** Prefixes some exporters use without declaring them; read as if declared, rather than failing the file. */
const USUAL_PREFIXES: Record<string, string> = {
  wp: "http://wordpress.org/export/1.2/",
  excerpt: "http://wordpress.org/export/1.2/excerpt/",
  content: CONTENT_NAMESPACE,
  dc: DC_NAMESPACE,
  wfw: "http://wellformedweb.org/CommentAPI/",
  atom: "http://www.w3.org/2005/Atom",
};

function resolveUndeclaredPrefix(prefix: string): string | undefined {
  if (prefix === "") return undefined; // no default namespace: plain RSS
  return USUAL_PREFIXES[prefix] ?? `urn:undeclared-prefix:${prefix}`;
}

/** "wp:post_id" for any WXR version's namespace, "content:encoded", "dc:creator", plain RSS names as they are. */
function qualifiedName(tag: SaxesTagNS): string {
  const uri = tag.uri;
  if (uri === "") return tag.local;
  if (WP_NAMESPACE.test(uri)) return `wp:${tag.local}`;
  if (EXCERPT_NAMESPACE.test(uri)) return `excerpt:${tag.local}`;
  if (uri === CONTENT_NAMESPACE) return `content:${tag.local}`;
  if (uri === DC_NAMESPACE) return `dc:${tag.local}`;
  return `{${uri}}${tag.local}`;
}

/** Element → raw field name, for each kind of record (the names the schemas in wxr/types.ts take). */
function fieldsOf(elements: string[], renamed: Record<string, string> = {}): Map<string, string> {
  return new Map([...elements.map((element): [string, string] => [element, element.replace(/^wp:/, "")]), ...Object.entries(renamed)]);
}
const SITE_FIELDS = fieldsOf(["title", "link", "description", "pubDate", "language", "wp:wxr_version", "wp:base_site_url", "wp:base_blog_url"]);
const AUTHOR_FIELDS = fieldsOf(["wp:author_id", "wp:author_login", "wp:author_email", "wp:author_display_name", "wp:author_first_name", "wp:author_last_name"]);
const CATEGORY_FIELDS = fieldsOf(["wp:term_id", "wp:category_nicename", "wp:category_parent", "wp:cat_name", "wp:category_description"]);
const TAG_FIELDS = fieldsOf(["wp:term_id", "wp:tag_slug", "wp:tag_name", "wp:tag_description"]);
const TERM_FIELDS = fieldsOf(["wp:term_id", "wp:term_taxonomy", "wp:term_slug", "wp:term_parent", "wp:term_name", "wp:term_description"]);
const ITEM_FIELDS = fieldsOf(
  [
    "title",
    "link",
    "pubDate",
    "guid",
    "wp:post_id",
    "wp:post_date",
    "wp:post_date_gmt",
    "wp:post_modified",
    "wp:post_modified_gmt",
    "wp:comment_status",
    "wp:ping_status",
    "wp:post_name",
    "wp:status",
    "wp:post_parent",
    "wp:menu_order",
    "wp:post_type",
    "wp:post_password",
    "wp:is_sticky",
    "wp:attachment_url",
  ],
  { "dc:creator": "creator", "content:encoded": "content", "excerpt:encoded": "excerpt" },
);
const COMMENT_FIELDS = fieldsOf([
  "wp:comment_id",
  "wp:comment_author",
  "wp:comment_author_email",
  "wp:comment_author_url",
  "wp:comment_author_IP",
  "wp:comment_date",
  "wp:comment_date_gmt",
  "wp:comment_content",
  "wp:comment_approved",
  "wp:comment_type",
  "wp:comment_parent",
  "wp:comment_user_id",
]);
const META_FIELDS = fieldsOf([], { "wp:meta_key": "key", "wp:meta_value": "value" });

type RecordKind = "author" | "category" | "tag" | "term" | "item";
const RECORD_ELEMENTS = new Map<string, RecordKind>([
  ["wp:author", "author"],
  // What early WXR 1.1 exports (WordPress 3.0 and 3.1) call an author.
  ["wp:wp_author", "author"],
  ["wp:category", "category"],
  ["wp:tag", "tag"],
  ["wp:term", "term"],
  ["item", "item"],
]);
const RECORD_FIELDS: Record<RecordKind, Map<string, string>> = {
  author: AUTHOR_FIELDS,
  category: CATEGORY_FIELDS,
  tag: TAG_FIELDS,
  term: TERM_FIELDS,
  item: ITEM_FIELDS,
};
const RECORD_SCHEMAS = {
  author: wxrAuthorSchema,
  category: wxrCategorySchema,
  tag: wxrTagSchema,
  term: wxrTermSchema,
  item: wxrItemSchema,
} satisfies Record<RecordKind, z.ZodType>;
/** The raw field holding each record's id and its title, for problem reports. */
const RECORD_LABELS: Record<RecordKind, { id: string; title: string }> = {
  author: { id: "author_login", title: "author_display_name" },
  category: { id: "category_nicename", title: "cat_name" },
  tag: { id: "tag_slug", title: "tag_name" },
  term: { id: "term_slug", title: "term_name" },
  item: { id: "post_id", title: "title" },
};
const COUNT_KEYS = { author: "authors", category: "categories", tag: "tags", term: "terms", item: "items" } as const;

type WxrSaxesParser = SaxesParser<{ xmlns: true }>;
type Fields = Record<string, string>;
type OpenRecord = {
  kind: RecordKind;
  fields: Fields;
  meta: WxrMeta[];
  terms: WxrItemTerm[];
  comments: WxrComment[];
  commentProblems: WxrProblem[];
  /** Characters read for it so far, and why it is too large to read, once it is. */
  size: number;
  tooLarge: string | null;
};
type OpenComment = { fields: Fields; meta: WxrMeta[]; tooLarge: string | null };

/**
 * The text of one element being read. Text outside CDATA that is only whitespace is dropped when the element
 * also has CDATA (some WordPress versions indent around the CDATA section); everything else is kept as written.
 */
class TextCapture {
  private parts: string[] = [];
  private whitespaceParts: number[] = [];
  private sawCdata = false;
  /** The characters read, kept or not: past WXR_LIMITS.valueCharacters nothing more is kept. */
  length = 0;
  /** The record this value belongs to is too large already: nothing of it is kept. */
  private abandoned = false;

  /** `grew` counts the characters against the record, and says whether it may still be read. */
  constructor(
    readonly assign: (value: string) => void,
    readonly tooLong: (length: number) => void,
    private readonly grew: (characters: number) => boolean,
  ) {}

  text(value: string) {
    if (!this.keep(value)) return;
    if (value.trim() === "") this.whitespaceParts.push(this.parts.length);
    this.parts.push(value);
  }

  cdata(value: string) {
    if (!this.keep(value)) return;
    this.sawCdata = true;
    this.parts.push(value);
  }

  private keep(value: string): boolean {
    this.length += value.length;
    // Only what is kept counts against the record: a value too long to keep is reported on its own.
    if (this.length <= WXR_LIMITS.valueCharacters) this.abandoned ||= !this.grew(value.length);
    if (this.length <= WXR_LIMITS.valueCharacters && !this.abandoned) return true;
    this.parts = [];
    return false;
  }

  finish() {
    if (this.abandoned) return;
    if (this.length > WXR_LIMITS.valueCharacters) {
      this.tooLong(this.length);
      return;
    }
    if (this.sawCdata) for (const index of this.whitespaceParts) this.parts[index] = "";
    // Character references (XML 1.1 allows &#1;) can bring back what decoding removed.
    this.assign(withoutControlCharacters(this.parts.length === 1 ? this.parts[0] : this.parts.join("")));
  }
}

function megabytes(characters: number): string {
  return `${(characters / 1_000_000).toFixed(1)} MB`;
}

/** What to do when an element closes; null when nothing is. */
type OnClose = (() => void) | null;

class WxrRecordCollector {
  readonly counts: WxrEnd["counts"] = { authors: 0, categories: 0, tags: 0, terms: 0, items: 0, comments: 0, problems: 0 };
  private ready: WxrRecord[] = [];
  private open: OnClose[] = [];
  private capture: TextCapture | null = null;
  private inChannel = false;
  private siteFields: Fields | null = {};
  private record: OpenRecord | null = null;
  private comment: OpenComment | null = null;
  private meta: Fields | null = null;

  constructor(private readonly parser: WxrSaxesParser) {
    parser.on("opentag", (tag) => {
      if (this.open.length >= WXR_LIMITS.depth) {
        throw new WxrSyntaxError(`elements are nested more than ${WXR_LIMITS.depth} deep (a WordPress export nests a few levels): not a WordPress export`, parser.line, parser.column + 1);
      }
      this.open.push(this.opened(tag));
    });
    parser.on("closetag", () => this.open.pop()?.());
    parser.on("text", (text) => this.capture?.text(text));
    parser.on("cdata", (text) => this.capture?.cdata(text));
  }

  /** The records completed since the last call. */
  take(): WxrRecord[] {
    const records = this.ready;
    this.ready = [];
    return records;
  }

  private opened(tag: SaxesTagNS): OnClose {
    if (this.capture) return null; // markup inside a value (unescaped HTML): its text belongs to the value
    const name = qualifiedName(tag);
    const depth = this.open.length;

    if (depth === 0) {
      if (name !== "rss") throw new WxrSyntaxError(`not a WordPress export: the root element is <${tag.name}>, not <rss>`, this.parser.line, this.parser.column + 1);
      return null;
    }
    if (depth === 1) {
      if (name !== "channel") return null;
      this.inChannel = true;
      return () => {
        this.flushSite();
        this.inChannel = false;
      };
    }
    if (depth === 2) {
      if (!this.inChannel) return null;
      const kind = RECORD_ELEMENTS.get(name);
      if (kind) return this.startRecord(kind);
      const field = SITE_FIELDS.get(name);
      const site = this.siteFields;
      return field && site ? this.startCapture(field, (value) => (site[field] = value)) : null;
    }

    const record = this.record;
    if (!record) return null;
    if (depth === 3) {
      if (record.kind === "item") {
        if (name === "category") return this.startItemTerm(tag, record);
        if (name === "wp:postmeta") return this.startMeta(record.meta);
        if (name === "wp:comment") return this.startComment(record);
      } else if (name === "wp:termmeta") return this.startMeta(record.meta);
      const field = RECORD_FIELDS[record.kind].get(name);
      return field ? this.startCapture(field, (value) => (record.fields[field] = value)) : null;
    }
    if (this.meta) return this.metaField(name, this.meta);
    const comment = this.comment;
    if (depth === 4 && comment) {
      if (name === "wp:commentmeta") return this.startMeta(comment.meta);
      const field = COMMENT_FIELDS.get(name);
      const tooLong = (length: number) => (comment.tooLarge ??= `its ${field} is ${megabytes(length)}, more than the ${megabytes(WXR_LIMITS.valueCharacters)} Docket reads of one value; it was left out`);
      return field ? this.startCapture(field, (value) => (comment.fields[field] = value), tooLong) : null;
    }
    return null;
  }

  /**
   * Reads an element's text (`what` names it in a report) into `assign`; one too long to read calls
   * `tooLong`, by default making the record too large to read.
   */
  private startCapture(what: string, assign: (value: string) => void, tooLong?: (length: number) => void): OnClose {
    const record = this.record;
    const capture = new TextCapture(
      assign,
      tooLong ?? ((length) => record && (record.tooLarge ??= `its ${what} is ${megabytes(length)}, more than the ${megabytes(WXR_LIMITS.valueCharacters)} Docket reads of one value`)),
      (characters) => {
        if (!record) return true;
        record.size += characters;
        if (record.size > WXR_LIMITS.recordCharacters) record.tooLarge ??= `it holds more than ${megabytes(WXR_LIMITS.recordCharacters)} of text with its comments, more than Docket reads of one ${record.kind}`;
        return record.tooLarge === null || record.size <= WXR_LIMITS.recordCharacters;
      },
    );
    this.capture = capture;
    return () => {
      this.capture = null;
      capture.finish();
    };
  }

  private flushSite() {
    if (!this.siteFields) return;
    const site = wxrSiteSchema.parse(this.siteFields);
    this.siteFields = null;
    this.ready.push(site);
  }

  private startRecord(kind: RecordKind): OnClose {
    this.flushSite();
    const record: OpenRecord = { kind, fields: {}, meta: [], terms: [], comments: [], commentProblems: [], size: 0, tooLarge: null };
    this.record = record;
    return () => {
      this.record = null;
      this.finishRecord(record);
    };
  }

  private finishRecord(record: OpenRecord) {
    const labels = RECORD_LABELS[record.kind];
    if (record.tooLarge) {
      this.report({
        kind: "problem",
        record: record.kind,
        id: record.fields[labels.id]?.trim() || null,
        title: record.fields[labels.title]?.trim() || null,
        itemId: null,
        line: this.parser.line,
        message: `${record.tooLarge}; nothing of it was imported`,
      });
      return;
    }
    const input: Record<string, unknown> = { ...record.fields, meta: record.meta };
    if (record.kind === "item") {
      input.terms = dropUnnamedDuplicates(record.terms);
      input.comments = record.comments;
    }
    const parsed = RECORD_SCHEMAS[record.kind].safeParse(input);
    if (parsed.success) {
      this.ready.push(parsed.data);
      this.counts[COUNT_KEYS[record.kind]] += 1;
      this.counts.comments += record.comments.length;
    } else {
      this.report({
        kind: "problem",
        record: record.kind,
        id: record.fields[labels.id]?.trim() || null,
        title: record.fields[labels.title]?.trim() || null,
        itemId: null,
        line: this.parser.line,
        message: describeWxrIssues(parsed.error),
      });
    }
    for (const problem of record.commentProblems) {
      this.report({ ...problem, itemId: record.fields.post_id?.trim() || null, title: record.fields.title?.trim() || null });
    }
  }

  private report(problem: WxrProblem) {
    this.counts.problems += 1;
    this.ready.push(problem);
  }

  private startItemTerm(tag: SaxesTagNS, record: OpenRecord): OnClose {
    const domain = tag.attributes.domain?.value;
    // A <category> without a domain is plain RSS, repeating one that has it (WXR 1.0 writes both).
    if (domain === undefined) return null;
    const nicename = withoutControlCharacters(tag.attributes.nicename?.value ?? "").trim() || null;
    return this.startCapture("category", (name) =>
      record.terms.push({ domain: withoutControlCharacters(domain).trim() === "tag" ? "post_tag" : withoutControlCharacters(domain).trim(), nicename, name: name.trim() }),
    );
  }

  private startMeta(into: WxrMeta[]): OnClose {
    const meta: Fields = {};
    this.meta = meta;
    return () => {
      this.meta = null;
      if (meta.key !== undefined) into.push({ key: meta.key.trim(), value: meta.value ?? "" });
    };
  }

  private metaField(name: string, meta: Fields): OnClose {
    const field = META_FIELDS.get(name);
    // A meta value too long to read (a page builder's data, say) is left out: Docket reads a few keys only.
    return field ? this.startCapture(field, (value) => (meta[field] = value), () => delete meta.key) : null;
  }

  private startComment(record: OpenRecord): OnClose {
    const comment: OpenComment = { fields: {}, meta: [], tooLarge: null };
    this.comment = comment;
    return () => {
      this.comment = null;
      if (comment.tooLarge) {
        record.commentProblems.push({ kind: "problem", record: "comment", id: comment.fields.comment_id?.trim() || null, title: null, itemId: null, line: this.parser.line, message: comment.tooLarge });
        return;
      }
      const parsed = wxrCommentSchema.safeParse({ ...comment.fields, meta: comment.meta });
      if (parsed.success) record.comments.push(parsed.data);
      else
        record.commentProblems.push({
          kind: "problem",
          record: "comment",
          id: comment.fields.comment_id?.trim() || null,
          title: null,
          itemId: null,
          line: this.parser.line,
          message: describeWxrIssues(parsed.error),
        });
    };
  }
}

/** WXR 1.0 writes each term twice, once without its slug: keep the one with the slug. */
function dropUnnamedDuplicates(terms: WxrItemTerm[]): WxrItemTerm[] {
  if (terms.every((term) => term.nicename !== null)) return terms;
  return terms.filter(
    (term) => term.nicename !== null || !terms.some((other) => other.nicename !== null && other.domain === term.domain && other.name === term.name),
  );
}
