// The backup file: one gzip-compressed JSON document, laid out one record per line so that it is written
// and read as a stream (a site of any size in flat memory) and still opens in any JSON tool:
//
//   {"docketBackup":{"version":2,"createdAt":…,"migrations":[…]},
//   "rows":[
//   ["User",{…}],
//   …
//   ],
//   "files":[
//   {"key":"2024/05/….webp","contentType":"image/webp","bytes":12345,"base64":[
//   "…",                                       (a line per 768 KiB of the file)
//   "…"
//   ]},
//   …
//   ],
//   "manifest":{"counts":{"User":3,…},"files":2,"sha256":"…"}}
//
// Rows come table by table, every table after the ones it references, each row exactly as PostgreSQL's
// row_to_json gives it. Files are the uploads folder's contents. The manifest comes last: rows per table,
// the number of files and the SHA-256 of every byte before it, so a file cut short (no manifest) or
// changed (another checksum) is refused before anything is restored.
//
// Reading never holds more than one line: each is capped (BACKUP_LIMITS), so no file, however crafted,
// makes a restore take more memory than that.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { z } from "zod";
import { isSafeStorageKey } from "@/lib/storage-keys";

export const BACKUP_VERSION = 2;

export const BACKUP_LIMITS = {
  /** A line of the uncompressed document: a row, or a piece of a file. */
  lineBytes: 16 * 1024 * 1024,
  /** One uploaded file. */
  fileBytes: 64 * 1024 * 1024,
  /** The bytes of a file on one line (base64 makes them a third longer). */
  fileChunkBytes: 768 * 1024,
};

const MEGABYTE = 1024 * 1024;

export const backupHeaderSchema = z.object({
  version: z.literal(BACKUP_VERSION, {
    error: (issue) =>
      typeof issue.input === "number" && issue.input < BACKUP_VERSION
        ? `This backup was written by an older Docket (format version ${issue.input}): restore it with the version that made it, then upgrade.`
        : `This backup was written by a newer Docket (its format version is not ${BACKUP_VERSION}).`,
  }),
  createdAt: z.iso.datetime(),
  /** The migrations the site had applied: a backup restores only into a Docket with the same ones. */
  migrations: z.array(z.string().max(300)).max(10_000),
});
export type BackupHeader = z.output<typeof backupHeaderSchema>;

const manifestSchema = z.object({
  counts: z.record(z.string(), z.number().int().min(0)),
  files: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupManifest = z.output<typeof manifestSchema>;

export type BackupRecord =
  | { kind: "row"; table: string; row: string; line: number }
  | { kind: "file"; key: string; contentType: string; bytes: Buffer; line: number };

/** The file is not a Docket backup, or is damaged, cut short, altered or holds something it may not. */
export class BackupFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupFormatError";
  }
}

const HEADER_START = '{"docketBackup":';
const MANIFEST_START = '"manifest":';

// ---------- writing ----------

export type BackupSourceFile = { key: string; contentType: string; bytes: Buffer };

/**
 * The document's lines, each ending with "\n": header, rows, files and, last, the manifest with the
 * counts and checksum of everything written before it.
 */
export async function* backupLines(
  header: BackupHeader,
  rows: AsyncIterable<{ table: string; row: string }>,
  files: AsyncIterable<BackupSourceFile>,
): AsyncGenerator<string> {
  const hash = createHash("sha256");
  const counts: Record<string, number> = {};
  let fileCount = 0;
  const line = (text: string) => {
    hash.update(text);
    return text;
  };
  yield line(`${HEADER_START}${JSON.stringify(header)},\n"rows":[\n`);
  let previous: string | null = null;
  for await (const { table, row } of rows) {
    if (previous !== null) yield line(`${previous},\n`);
    previous = `[${JSON.stringify(table)},${row}]`;
    counts[table] = (counts[table] ?? 0) + 1;
  }
  if (previous !== null) yield line(`${previous}\n`);
  yield line(`],\n"files":[\n`);
  for await (const file of files) {
    if (file.bytes.length > BACKUP_LIMITS.fileBytes) {
      throw new Error(`The uploaded file ${file.key} is larger than ${BACKUP_LIMITS.fileBytes / MEGABYTE} MB, more than a backup can hold.`);
    }
    if (fileCount > 0) yield line(",\n");
    yield line(`${JSON.stringify({ key: file.key, contentType: file.contentType, bytes: file.bytes.length }).slice(0, -1)},"base64":[\n`);
    for (let at = 0; at < file.bytes.length; at += BACKUP_LIMITS.fileChunkBytes) {
      const last = at + BACKUP_LIMITS.fileChunkBytes >= file.bytes.length;
      yield line(`"${file.bytes.subarray(at, at + BACKUP_LIMITS.fileChunkBytes).toString("base64")}"${last ? "" : ","}\n`);
    }
    yield line("]}");
    fileCount += 1;
  }
  yield line(fileCount > 0 ? "\n],\n" : "],\n");
  const manifest: BackupManifest = { counts, files: fileCount, sha256: hash.digest("hex") };
  yield `${MANIFEST_START}${JSON.stringify(manifest)}}\n`;
}

// ---------- reading ----------

const decoder = new TextDecoder("utf-8", { fatal: true });

const cutShort = () => new BackupFormatError("The backup ends early: it was cut short (a complete backup ends with its manifest). Nothing was restored.");

/**
 * The uncompressed document's lines, each at most BACKUP_LIMITS.lineBytes long, with the SHA-256 of what
 * came before the current line. Throws BackupFormatError for a file that is not gzip, a line too long or
 * not UTF-8.
 */
async function* documentLines(source: Readable): AsyncGenerator<{ text: string; number: number; digestBefore: () => string }> {
  const gunzip = createGunzip();
  source.on("error", (error) => gunzip.destroy(error));
  const hash = createHash("sha256");
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 0;
  const take = (piece: Buffer) => {
    const line = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
    pending = [];
    pendingBytes = 0;
    number += 1;
    let text: string;
    try {
      text = decoder.decode(line);
    } catch {
      throw new BackupFormatError(`Line ${number} of the backup is not valid UTF-8 text: the file is damaged.`);
    }
    return { line, text };
  };
  const tooLong = () =>
    new BackupFormatError(`Line ${number + 1} of the backup is longer than ${BACKUP_LIMITS.lineBytes / MEGABYTE} MB, the most a line may hold: the file is damaged or was not written by Docket.`);
  try {
    for await (const chunk of source.pipe(gunzip) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
        if (pendingBytes + end - start > BACKUP_LIMITS.lineBytes) throw tooLong();
        const { line, text } = take(chunk.subarray(start, end));
        const digestBefore = () => hash.copy().digest("hex");
        yield { text, number, digestBefore };
        hash.update(line);
        hash.update("\n");
        start = end + 1;
      }
      if (start < chunk.length) {
        pendingBytes += chunk.length - start;
        if (pendingBytes > BACKUP_LIMITS.lineBytes) throw tooLong();
        pending.push(chunk.subarray(start));
      }
    }
  } catch (error) {
    if (error instanceof BackupFormatError) throw error;
    throw new BackupFormatError("The backup is not a gzip-compressed Docket backup, or it is damaged.");
  } finally {
    source.destroy();
  }
  // Every line a backup holds ends with a newline, its manifest too: a last line without one was cut.
  if (pendingBytes > 0) throw cutShort();
}

/** A row line, its JSON kept as written (numbers beyond 2^53 and all) for PostgreSQL to read back. */
const ROW_LINE = /^\["([A-Za-z_][A-Za-z0-9_]{0,62})",(\{.*\})\],?$/;
const FILE_START = /^(\{.*),"base64":\[$/;
const fileHeader = z.object({ key: z.string().max(300), contentType: z.string().max(200), bytes: z.number().int().min(0) });
const BASE64_CHUNK = /^"((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)",?$/;

function parseJson(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupFormatError(`Line ${line} of the backup is not valid JSON: the file is damaged.`);
  }
}

/** Why a file record's key or type is refused, or null when it may be restored. */
function fileKeyProblem(key: string): string | null {
  if (key.split("/").some((part) => part === ".." || part === ".") || key.startsWith("/") || key.includes("\\")) return "it leads outside the uploads folder";
  if (!isSafeStorageKey(key)) return "it is not a name Docket gives uploaded files (lower-case folders and a known extension)";
  return null;
}

type Line = { text: string; number: number; digestBefore: () => string };

/** The document's lines one at a time, with one line of look-back. */
class LineCursor {
  private held: Line | null = null;
  constructor(private readonly lines: AsyncGenerator<Line>) {}

  async next(): Promise<Line | null> {
    if (this.held) {
      const line = this.held;
      this.held = null;
      return line;
    }
    const step = await this.lines.next();
    return step.done ? null : step.value;
  }

  unread(line: Line) {
    this.held = line;
  }

  async close() {
    await this.lines.return(undefined);
  }
}

/**
 * Reads a backup from its gzip-compressed bytes: the header first (resolved before any record is read),
 * then every record in file order, and last the manifest, whose counts and checksum are checked against
 * what was read (the generator's return value). Throws BackupFormatError when the file is not a backup,
 * is damaged, cut short or altered, or holds a file outside the uploads folder or in a broken encoding.
 */
export async function openBackup(source: AsyncIterable<Uint8Array> | Readable): Promise<{ header: BackupHeader; records: AsyncGenerator<BackupRecord, BackupManifest> }> {
  const cursor = new LineCursor(documentLines(source instanceof Readable ? source : Readable.from(source)));
  const first = await cursor.next();
  if (first === null || !first.text.startsWith(HEADER_START) || !first.text.endsWith(",")) {
    await cursor.close();
    throw new BackupFormatError("This file is not a Docket backup.");
  }
  const header = backupHeaderSchema.safeParse(parseJson(first.text.slice(HEADER_START.length, -1), 1));
  if (!header.success) {
    await cursor.close();
    throw new BackupFormatError(header.error.issues[0].message);
  }
  return { header: header.data, records: readRecords(cursor) };
}

async function expectLine(cursor: LineCursor, text: string) {
  const line = await cursor.next();
  if (line === null) throw cutShort();
  if (line.text !== text) throw new BackupFormatError(`Line ${line.number} of the backup is not what it should be: the file is damaged.`);
}

async function* readRecords(cursor: LineCursor): AsyncGenerator<BackupRecord, BackupManifest> {
  try {
    const counts: Record<string, number> = {};
    await expectLine(cursor, '"rows":[');
    for (let line = await cursor.next(); line?.text !== "],"; line = await cursor.next()) {
      if (line === null) throw cutShort();
      const match = ROW_LINE.exec(line.text);
      if (!match) throw new BackupFormatError(`Line ${line.number} of the backup is not a row record: the file is damaged.`);
      counts[match[1]] = (counts[match[1]] ?? 0) + 1;
      yield { kind: "row", table: match[1], row: match[2], line: line.number };
    }
    await expectLine(cursor, '"files":[');
    let files = 0;
    for (let line = await cursor.next(); line?.text !== "],"; line = await cursor.next()) {
      if (line === null) throw cutShort();
      yield await readFileRecord(cursor, line);
      files += 1;
      const end = await cursor.next();
      if (end === null) throw cutShort();
      if (end.text !== "]}," && end.text !== "]}") throw new BackupFormatError(`Line ${end.number} of the backup should end a file: the file is damaged.`);
    }
    const last = await cursor.next();
    if (last === null) throw cutShort();
    if (!last.text.startsWith(MANIFEST_START) || !last.text.endsWith("}")) throw new BackupFormatError(`Line ${last.number} of the backup should be its manifest: the file is damaged.`);
    const digest = last.digestBefore();
    const parsed = manifestSchema.safeParse(parseJson(last.text.slice(MANIFEST_START.length, -1), last.number));
    if (!parsed.success) throw new BackupFormatError(`The backup's manifest (line ${last.number}) is damaged.`);
    const manifest = parsed.data;
    if ((await cursor.next()) !== null) throw new BackupFormatError("The backup has something after its manifest: it is damaged.");
    if (manifest.sha256 !== digest) {
      throw new BackupFormatError("The backup was changed after it was written (its checksum does not match its manifest): it is damaged or was altered. Nothing was restored.");
    }
    for (const table of new Set([...Object.keys(manifest.counts), ...Object.keys(counts)])) {
      if ((counts[table] ?? 0) !== (manifest.counts[table] ?? 0)) {
        throw new BackupFormatError(`The backup should hold ${manifest.counts[table] ?? 0} rows of ${table} but holds ${counts[table] ?? 0}: it is damaged.`);
      }
    }
    if (manifest.files !== files) throw new BackupFormatError(`The backup should hold ${manifest.files} files but holds ${files}: it is damaged.`);
    return manifest;
  } finally {
    await cursor.close();
  }
}

/** A file record: its first line (key, type, size), then its base64 a line at a time; the closing "]}" is left to the caller. */
async function readFileRecord(cursor: LineCursor, first: Line): Promise<BackupRecord> {
  const start = FILE_START.exec(first.text);
  const header = fileHeader.safeParse(start ? parseJson(`${start[1]}}`, first.number) : null);
  if (!header.success) throw new BackupFormatError(`Line ${first.number} of the backup is not a file record: the file is damaged.`);
  const { key, contentType, bytes } = header.data;
  const problem = fileKeyProblem(key);
  if (problem) throw new BackupFormatError(`The backup's file “${key}” (line ${first.number}) cannot be restored: ${problem}.`);
  if (bytes > BACKUP_LIMITS.fileBytes) {
    throw new BackupFormatError(`The backup's file “${key}” (line ${first.number}) is larger than ${BACKUP_LIMITS.fileBytes / MEGABYTE} MB, the most a restored file may be.`);
  }
  const parts: Buffer[] = [];
  let size = 0;
  for (;;) {
    const line = await cursor.next();
    if (line === null) throw cutShort();
    if (line.text.startsWith("]")) {
      cursor.unread(line);
      break;
    }
    const chunk = BASE64_CHUNK.exec(line.text);
    if (!chunk) throw new BackupFormatError(`The backup's file “${key}” holds something that is not base64 at line ${line.number}: the file is damaged.`);
    const decoded = Buffer.from(chunk[1], "base64");
    size += decoded.length;
    if (size > bytes) throw new BackupFormatError(`The backup's file “${key}” is longer than the ${bytes} bytes its record says (line ${line.number}): the file is damaged.`);
    parts.push(decoded);
    if (!line.text.endsWith(",")) break;
  }
  if (size !== bytes) throw new BackupFormatError(`The backup's file “${key}” holds ${size} bytes, not the ${bytes} its record says: the file is damaged.`);
  return { kind: "file", key, contentType, bytes: Buffer.concat(parts, size), line: first.number };
}
