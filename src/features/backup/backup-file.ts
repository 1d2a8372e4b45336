// The backup file: one gzip-compressed JSON document, laid out one record per line so that it is written
// and read as a stream (a site of any size in flat memory) and still opens in any JSON tool:
//
//   {"docketBackup":{"version":1,"createdAt":…,"migrations":[…],"counts":{"User":3,…},"files":2},
//   "rows":[
//   ["User",{…}],
//   …
//   ],
//   "files":[
//   {"key":"2024/05/….webp","contentType":"image/webp","base64":"…"},
//   …
//   ]}
//
// Rows come table by table, every table after the ones it references, each row exactly as PostgreSQL's
// row_to_json gives it. Files are the uploads folder's contents.
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { z } from "zod";

export const BACKUP_VERSION = 1;

export const backupHeaderSchema = z.object({
  version: z.literal(BACKUP_VERSION, { error: `This backup was written by a newer Docket (format version is not ${BACKUP_VERSION}).` }),
  createdAt: z.iso.datetime(),
  /** The migrations the site had applied: a backup restores only into a Docket with the same ones. */
  migrations: z.array(z.string()),
  /** Rows per table, in the order they follow. */
  counts: z.record(z.string(), z.number().int().min(0)),
  files: z.number().int().min(0),
});
export type BackupHeader = z.output<typeof backupHeaderSchema>;

export type BackupRecord =
  | { kind: "row"; table: string; row: string }
  | { kind: "file"; key: string; contentType: string; bytes: Buffer };

/** The file is not a Docket backup, or is damaged or cut short. */
export class BackupFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupFormatError";
  }
}

const HEADER_START = '{"docketBackup":';

/** The document's lines, each ending with "\n": header, rows, files and the closing line. */
export async function* backupLines(
  header: BackupHeader,
  rows: AsyncIterable<{ table: string; row: string }>,
  files: AsyncIterable<{ key: string; contentType: string; bytes: Buffer }>,
): AsyncGenerator<string> {
  yield `${HEADER_START}${JSON.stringify(header)},\n"rows":[\n`;
  let previous: string | null = null;
  for await (const { table, row } of rows) {
    if (previous !== null) yield `${previous},\n`;
    previous = `[${JSON.stringify(table)},${row}]`;
  }
  if (previous !== null) yield `${previous}\n`;
  yield `],\n"files":[\n`;
  previous = null;
  for await (const file of files) {
    if (previous !== null) yield `${previous},\n`;
    previous = JSON.stringify({ key: file.key, contentType: file.contentType, base64: file.bytes.toString("base64") });
  }
  if (previous !== null) yield `${previous}\n`;
  yield "]}\n";
}

/** A row line, its JSON kept as written (numbers beyond 2^53 and all) for PostgreSQL to read back. */
const ROW_LINE = /^\["([A-Za-z_][A-Za-z0-9_]*)",(\{.*\})\],?$/;
const fileLine = z.object({ key: z.string(), contentType: z.string(), base64: z.string() });

function parseLine<T>(line: string, schema: z.ZodType<T>, lineNumber: number): T {
  const text = line.endsWith(",") ? line.slice(0, -1) : line;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupFormatError(`Line ${lineNumber} of the backup is not valid JSON: the file is damaged.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BackupFormatError(`Line ${lineNumber} of the backup is not a row or file record: the file is damaged.`);
  return parsed.data;
}

/**
 * Reads a backup from its gzip-compressed bytes: the header first (resolved before any record is read),
 * then every record in file order. Throws BackupFormatError when the file is not a backup, is damaged,
 * or ends early (the counts in the header are checked against what was read).
 */
export async function openBackup(source: AsyncIterable<Uint8Array> | Readable): Promise<{ header: BackupHeader; records: AsyncGenerator<BackupRecord> }> {
  const input = source instanceof Readable ? source : Readable.from(source);
  const gunzip = createGunzip();
  const failure: { error?: Error } = {};
  input.on("error", (error) => gunzip.destroy(error));
  gunzip.on("error", (error) => (failure.error = error));
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity })[Symbol.asyncIterator]();
  let lineNumber = 0;
  const nextLine = async (): Promise<string | null> => {
    let next: IteratorResult<string>;
    try {
      next = await lines.next();
    } catch {
      throw new BackupFormatError("The backup is not a gzip-compressed Docket backup, or it is damaged.");
    }
    if (failure.error) throw new BackupFormatError("The backup is not a gzip-compressed Docket backup, or it is damaged.");
    lineNumber += 1;
    return next.done ? null : next.value;
  };

  const first = await nextLine();
  if (first === null || !first.startsWith(HEADER_START) || !first.endsWith(",")) throw new BackupFormatError("This file is not a Docket backup.");
  let rawHeader: unknown;
  try {
    rawHeader = JSON.parse(first.slice(HEADER_START.length, -1));
  } catch {
    throw new BackupFormatError("This file is not a Docket backup: its first line is damaged.");
  }
  const parsedHeader = backupHeaderSchema.safeParse(rawHeader);
  if (!parsedHeader.success) throw new BackupFormatError(parsedHeader.error.issues[0].message);
  const header = parsedHeader.data;

  async function* records(): AsyncGenerator<BackupRecord> {
    const expect = async (text: string) => {
      const line = await nextLine();
      if (line !== text) throw new BackupFormatError(line === null ? "The backup ends early: it was cut short." : `Line ${lineNumber} of the backup is not what it should be: the file is damaged.`);
    };
    await expect('"rows":[');
    const seen: Record<string, number> = {};
    for (;;) {
      const line = await nextLine();
      if (line === null) throw new BackupFormatError("The backup ends early: it was cut short.");
      if (line === "],") break;
      const match = ROW_LINE.exec(line);
      if (!match) throw new BackupFormatError(`Line ${lineNumber} of the backup is not a row record: the file is damaged.`);
      const [, table, row] = match;
      if (!(table in header.counts)) throw new BackupFormatError(`Line ${lineNumber} holds a row of ${table}, a table the backup's header does not list.`);
      seen[table] = (seen[table] ?? 0) + 1;
      yield { kind: "row", table, row };
    }
    for (const [table, count] of Object.entries(header.counts)) {
      if ((seen[table] ?? 0) !== count) throw new BackupFormatError(`The backup should hold ${count} rows of ${table} but holds ${seen[table] ?? 0}: it is damaged.`);
    }
    await expect('"files":[');
    let files = 0;
    for (;;) {
      const line = await nextLine();
      if (line === null) throw new BackupFormatError("The backup ends early: it was cut short.");
      if (line === "]}") break;
      const file = parseLine(line, fileLine, lineNumber);
      files += 1;
      yield { kind: "file", key: file.key, contentType: file.contentType, bytes: Buffer.from(file.base64, "base64") };
    }
    if (files !== header.files) throw new BackupFormatError(`The backup should hold ${header.files} files but holds ${files}: it is damaged.`);
    if ((await nextLine()) !== null) throw new BackupFormatError("The backup has something after its end: it is damaged.");
  }

  return { header, records: records() };
}
