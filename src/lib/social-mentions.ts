// `@handle` and `#hashtag` in post text: what counts as one, and where it links. The post renderer
// (markdown.ts) turns them into links; the rich-text editor shows them the same way as one types.

export const HANDLE = /@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_@])/g;
export const HASHTAG = /#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
/** A mention or hashtag only starts a word: not "jo@example.com", "page/#top", "a#b" or "&#35;". */
const WORD_BEFORE = /[\p{L}\p{N}_@#/.&:=?+-]/u;

export function startsAWord(text: string, index: number): boolean {
  return index === 0 || !WORD_BEFORE.test(text.charAt(index - 1));
}

export const handleUrl = (handle: string) => `https://x.com/${handle}`;
export const hashtagUrl = (tag: string) => `https://x.com/hashtag/${encodeURIComponent(tag)}`;

export type SocialMention = { from: number; to: number; url: string };

/**
 * Every mention and hashtag in a run of text, by offset, in order. As in the renderer, handles are
 * found first and hashtags then in the text between them (so a hashtag right after a handle starts
 * a word).
 */
export function findSocialMentions(text: string): SocialMention[] {
  const found: SocialMention[] = [];
  let segmentStart = 0;
  const hashtagsIn = (segmentEnd: number) => {
    const segment = text.slice(segmentStart, segmentEnd);
    for (const match of segment.matchAll(HASHTAG)) {
      if (!startsAWord(segment, match.index)) continue;
      const from = segmentStart + match.index;
      found.push({ from, to: from + match[0].length, url: hashtagUrl(match[1]) });
    }
  };
  for (const match of text.matchAll(HANDLE)) {
    if (!startsAWord(text, match.index)) continue;
    hashtagsIn(match.index);
    found.push({ from: match.index, to: match.index + match[0].length, url: handleUrl(match[1]) });
    segmentStart = match.index + match[0].length;
  }
  hashtagsIn(text.length);
  return found;
}
