// The one rule for characters no text may hold, on the way in (every form through the action pipeline,
// the WordPress import) and on the way out (every read from the database, src/lib/db.ts; markdown
// rendering; feeds, sitemaps, exports and email): C0 controls other than tab, line feed and carriage
// return, DEL and the C1 controls, noncharacters (U+FDD0–U+FDEF and the last two code points of every
// plane) and lone surrogates. No text needs them; HTML calls each a parse error, XML 1.0 forbids some
// (one makes a whole feed unreadable) and discourages the rest, and PostgreSQL cannot store NUL.

const PLANE_ENDS = Array.from({ length: 17 }, (_, plane) => `\\u{${(plane * 0x10000 + 0xfffe).toString(16)}}\\u{${(plane * 0x10000 + 0xffff).toString(16)}}`).join("");

export const FORBIDDEN_CHARACTERS = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFDD0-\\uFDEF\\uD800-\\uDFFF${PLANE_ENDS}]`, "gu");
const ANY_FORBIDDEN = new RegExp(FORBIDDEN_CHARACTERS.source, "u");

export function withoutControlCharacters(text: string): string {
  return ANY_FORBIDDEN.test(text) ? text.replace(FORBIDDEN_CHARACTERS, "") : text;
}

/** The rule applied to every string inside a value (plain objects and arrays; dates, buffers and the like as they are). */
export function withoutControlCharactersIn<T>(value: T): T {
  if (typeof value === "string") return withoutControlCharacters(value) as T;
  if (Array.isArray(value)) return value.map(withoutControlCharactersIn) as T;
  if (value !== null && typeof value === "object" && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withoutControlCharactersIn(entry)])) as T;
  }
  return value;
}
