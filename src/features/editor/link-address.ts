/**
 * A link address as typed, made into one readers' browsers will follow: web addresses (https:// is
 * added when left out), email addresses (mailto:) and paths on this site. Null for anything else,
 * such as javascript: or a bare word (the post renderer would drop those links anyway).
 */
export function normalizedHref(input: string): string | null {
  const address = input.trim();
  if (/^(https?:\/\/|mailto:)\S+$/i.test(address) || /^[/#]\S*$/.test(address)) return address;
  if (/^[^\s@/:]+@[^\s@/]+\.[^\s@/]+$/.test(address)) return `mailto:${address}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(address) || /\s/.test(address) || !/^[^/]+\.[^/]+/.test(address)) return null;
  return `https://${address}`;
}
