// Text into XML (feeds, the WordPress export). XML 1.0 forbids C0 controls other than tab, line feed
// and carriage return, lone surrogates, and U+FFFE/U+FFFF: one such character would make the whole
// document unreadable, so every text passes through one of these, which drop them with every other
// character the one rule for text drops (src/lib/control-characters.ts), as every page and email does.
import { withoutControlCharacters } from "@/lib/control-characters";

export const withoutXmlForbiddenCharacters = withoutControlCharacters;

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
