// What a restored row must be, read from the database's own catalog: one zod schema per table, with a
// check per column (type, NULL or not, a varchar's length, an enum's values), so that a crafted or damaged
// backup is refused with the line, table and column before anything is written, instead of failing
// inside PostgreSQL part-way.
import { z } from "zod";

/** A column as restore checks it (features/backup/data.ts listColumns reads them). */
export type BackupColumn = { name: string; notNull: boolean; type: string; category: string; maxLength: number | null; labels: string[] | null; isArray: boolean };

/** The longest text a restored field may hold (a post body is far shorter). */
export const MAX_FIELD_CHARACTERS = 8 * 1024 * 1024;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([+-]\d\d(:\d\d)?|Z)?$/;
const INTEGER_RANGES: Record<string, [number, number]> = {
  int2: [-32768, 32767],
  int4: [-2147483648, 2147483647],
  int8: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function text(maxLength: number | null) {
  const most = Math.min(maxLength ?? MAX_FIELD_CHARACTERS, MAX_FIELD_CHARACTERS);
  return z
    .string("it is not text")
    .max(most, most === MAX_FIELD_CHARACTERS ? `it is longer than ${MAX_FIELD_CHARACTERS / 1024 / 1024} MB, the most a field may hold` : `it is longer than ${most} characters`)
    .refine((value) => !value.includes("\u0000"), "it holds a NUL character, which text cannot");
}

function valueSchema(column: BackupColumn): z.ZodType {
  if (column.category === "E") return z.enum((column.labels ?? []) as [string, ...string[]], `it is not one of ${(column.labels ?? []).join(", ")}`);
  const range = INTEGER_RANGES[column.type];
  if (range) return z.number("it is not a number").int("it is not a whole number").min(range[0]).max(range[1]);
  switch (column.type) {
    case "bool":
      return z.boolean("it is not true or false");
    case "float4":
    case "float8":
    case "numeric":
      return z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])], "it is not a number");
    case "date":
      return z.string().regex(DATE, "it is not a date");
    case "timestamp":
    case "timestamptz":
      return z.string().regex(TIMESTAMP, "it is not a date and time");
    case "json":
    case "jsonb":
      return z.json();
    case "bytea":
      return z.string().regex(/^\\x(?:[0-9a-f]{2})*$/, "it is not hexadecimal bytes").max(MAX_FIELD_CHARACTERS);
    case "uuid":
      return z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "it is not a UUID");
    default:
      // text, varchar, tsvector and the like: PostgreSQL reads them from text.
      return text(column.maxLength);
  }
}

/** The schema of one table's restored rows: exactly its columns, each of its type. */
export function rowSchemaFor(columns: BackupColumn[]): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const column of columns) {
    const value = column.isArray ? z.array(valueSchema(column), "it is not a list").max(100_000) : valueSchema(column);
    shape[column.name] = column.notNull ? value : value.nullable();
  }
  return z.strictObject(shape);
}

/** The first problem of a row that failed its schema, in words: which column, and what is wrong with it. */
export function describeRowProblem(error: z.ZodError, row: unknown): string {
  const issue = error.issues[0];
  if (issue.code === "unrecognized_keys") return `it has a column this Docket does not have (${issue.keys.join(", ")})`;
  const column = String(issue.path[0] ?? "");
  if (issue.path.length === 0) return "it is not a JSON object";
  if (typeof row === "object" && row !== null && !(column in row)) return `it has no “${column}”`;
  return `its “${column}” is wrong: ${issue.message}`;
}
