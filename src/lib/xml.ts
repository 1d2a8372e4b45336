// Text into XML (feeds, the WordPress export). XML 1.0 forbids C0 controls other than tab, line feed
// and carriage return, lone surrogates, and U+FFFE/U+FFFF: one such character would make the whole
// document unreadable, so every text passes through one of these, which drop them.
/** Every character XML 1.0 forbids (its production `Char`, negated). */
export const XML_FORBIDDEN_CHARACTERS = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function withoutXmlForbiddenCharacters(text: string): string {
  return text.replace(XML_FORBIDDEN_CHARACTERS, "");
}

/** Escaped for an element's text or a double- or single-quoted attribute. */
export function escapeXml(text: string): string {
  return withoutXmlForbiddenCharacters(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A CDATA section holding the text exactly; a "]]>" inside is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${withoutXmlForbiddenCharacters(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}
