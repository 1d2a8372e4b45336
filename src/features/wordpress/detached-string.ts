/**
 * A copy of a string that keeps nothing else alive. V8 makes a substring (and a string built from one) point
 * into the text it was cut from, so one title kept from an export would keep a whole 64 KB chunk of the file
 * in memory; anything an import holds on to across items (plans, reports, address maps) is copied with this.
 */
export function detached(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, "utf8").toString("utf8");
}
