// Percent-encoded text from outside (addresses, file names, WordPress slugs, link fragments).

/**
 * The text decoded, or the text as it is when its percent-encoding is broken ("%ZZ", a lone "%E0"):
 * anything a person or another site wrote may be malformed, and decodeURIComponent throws on it.
 * `decode` may be decodeURI, which leaves the escapes of reserved characters ("%2F") as they are.
 */
export function decodeOrKeep(text: string, decode: (text: string) => string = decodeURIComponent): string {
  try {
    return decode(text);
  } catch {
    return text;
  }
}
