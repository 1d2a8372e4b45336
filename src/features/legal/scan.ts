// The anonymity scan: finds protected terms (names and other identifying words) in a post's fields,
// whatever their case, accents, hyphenation, line breaks or possessive ending, and says where.
//
// Linear in the text: every field is read once into a stream of letters (accents and case folded,
// everything else dropped but remembered as a gap before the next letter), and all terms are found
// in one pass of an Aho–Corasick automaton over that stream. A candidate is kept when it starts and
// ends at word edges ("Smithson" is not "Smith"; "Smith's" and "Smiths'" are) and every gap inside it
// falls where the term itself may break ("Anne-Marie" matches "Anne Marie", "AnneMarie" and a line
// break between the two; "Sm ith" is not "Smith"). Pure: no database, no clock.

export type ProtectedTerm = { term: string; source: string };
export type ScanField = { field: string; text: string };
export type ScanMatch = { term: string; source: string; field: string; start: number; end: number; excerpt: string };

const NO_GAP = 0;
const APOSTROPHE_GAP = 1;
const WORD_GAP = 2;
const APOSTROPHES = new Set(["'", "\u2019", "\u02bc", "\u2018"]);
const LETTER = /[\p{L}\p{N}]/u;
const INVISIBLE = /[\p{Cf}\p{M}]/u;

type LetterStream = {
  letters: string[];
  /** The kind of gap before each letter (and one past the last, a word gap). */
  gaps: number[];
  /** Whether that gap began with an apostrophe (the plural possessive "Smiths' "). */
  apostropheFirst: boolean[];
  /** Where each letter came from in the original text (one past the end for the sentinel). */
  origins: number[];
};

/** Folds a text to its letters: compatibility forms and accents undone, lower case, gaps noted. */
function letterStream(text: string): LetterStream {
  const letters: string[] = [];
  const gaps: number[] = [];
  const apostropheFirst: boolean[] = [];
  const origins: number[] = [];
  let gap = WORD_GAP;
  let startsWithApostrophe = false;
  let index = 0;
  for (const char of text) {
    for (const folded of char.normalize("NFKD").toLowerCase()) {
      if (LETTER.test(folded)) {
        letters.push(folded);
        gaps.push(gap);
        apostropheFirst.push(startsWithApostrophe);
        origins.push(index);
        gap = NO_GAP;
        startsWithApostrophe = false;
      } else if (!INVISIBLE.test(folded)) {
        const apostrophe = APOSTROPHES.has(folded);
        if (gap === NO_GAP) startsWithApostrophe = apostrophe;
        gap = apostrophe && gap !== WORD_GAP ? APOSTROPHE_GAP : WORD_GAP;
      }
    }
    index += char.length;
  }
  gaps.push(WORD_GAP);
  apostropheFirst.push(startsWithApostrophe);
  origins.push(text.length);
  return { letters, gaps, apostropheFirst, origins };
}

type CompiledTerm = ProtectedTerm & { length: number; breaks: Set<number> };
type Node = { next: Map<string, number>; fail: number; ends: number[]; dictionary: number };

export type Matcher = { nodes: Node[]; terms: CompiledTerm[] };

/** Builds the automaton once for a list of terms (terms of fewer than two letters are ignored). */
export function compileTerms(terms: ProtectedTerm[]): Matcher {
  const nodes: Node[] = [{ next: new Map(), fail: 0, ends: [], dictionary: -1 }];
  const compiled: CompiledTerm[] = [];
  for (const term of terms) {
    const { letters, gaps } = letterStream(term.term);
    if (letters.length < 2) continue;
    const breaks = new Set<number>();
    for (let i = 1; i < letters.length; i++) if (gaps[i] !== NO_GAP) breaks.add(i);
    let node = 0;
    for (const letter of letters) {
      let child = nodes[node].next.get(letter);
      if (child === undefined) {
        child = nodes.push({ next: new Map(), fail: 0, ends: [], dictionary: -1 }) - 1;
        nodes[node].next.set(letter, child);
      }
      node = child;
    }
    nodes[node].ends.push(compiled.push({ ...term, length: letters.length, breaks }) - 1);
  }
  // Breadth first: each node's failure link is the longest proper suffix that is also in the trie.
  const queue = [...nodes[0].next.values()];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    for (const [letter, child] of nodes[node].next) {
      let fail = nodes[node].fail;
      while (fail !== 0 && !nodes[fail].next.has(letter)) fail = nodes[fail].fail;
      const target = nodes[fail].next.get(letter);
      nodes[child].fail = target !== undefined && target !== child ? target : 0;
      const failNode = nodes[nodes[child].fail];
      nodes[child].dictionary = failNode.ends.length > 0 ? nodes[child].fail : failNode.dictionary;
      queue.push(child);
    }
  }
  return { nodes, terms: compiled };
}

/** The next position at or after `from` with a gap before it. */
function nextGaps(gaps: number[]): Int32Array {
  const next = new Int32Array(gaps.length);
  let upcoming = gaps.length - 1;
  for (let i = gaps.length - 1; i >= 0; i--) {
    if (gaps[i] !== NO_GAP) upcoming = i;
    next[i] = upcoming;
  }
  return next;
}

/** Ends at a word edge, allowing a possessive ("Smith's", "Smiths'"); "Smiths" alone is another name. */
function endsAtWordEdge(stream: LetterStream, end: number): boolean {
  const { letters, gaps, apostropheFirst } = stream;
  if (gaps[end] === WORD_GAP) return true;
  if (letters[end] !== "s" || gaps[end + 1] === NO_GAP) return false;
  return gaps[end] === APOSTROPHE_GAP || apostropheFirst[end + 1];
}

function breaksWhereTermMay(term: CompiledTerm, start: number, end: number, next: Int32Array): boolean {
  for (let at = next[start + 1]; at < end; at = next[at + 1]) {
    if (!term.breaks.has(at - start)) return false;
  }
  return true;
}

function excerptAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 40);
  const to = Math.min(text.length, end + 40);
  return `${from > 0 ? "…" : ""}${text.slice(from, to).replace(/\s+/g, " ").trim()}${to < text.length ? "…" : ""}`;
}

function scanField(matcher: Matcher, field: ScanField, found: ScanMatch[]) {
  const stream = letterStream(field.text);
  const next = nextGaps(stream.gaps);
  const { nodes, terms } = matcher;
  let node = 0;
  for (let i = 0; i < stream.letters.length; i++) {
    const letter = stream.letters[i];
    while (node !== 0 && !nodes[node].next.has(letter)) node = nodes[node].fail;
    node = nodes[node].next.get(letter) ?? 0;
    for (let hit = nodes[node].ends.length > 0 ? node : nodes[node].dictionary; hit > 0; hit = nodes[hit].dictionary) {
      for (const termIndex of nodes[hit].ends) {
        const term = terms[termIndex];
        const start = i + 1 - term.length;
        const end = i + 1;
        if (stream.gaps[start] === NO_GAP || !endsAtWordEdge(stream, end) || !breaksWhereTermMay(term, start, end, next)) continue;
        const [from, to] = [stream.origins[start], stream.origins[end - 1] + 1];
        found.push({ term: term.term, source: term.source, field: field.field, start: from, end: to, excerpt: excerptAround(field.text, from, to) });
      }
    }
  }
}

/** Every place a protected term appears in the fields, in field order, then text order. */
export function scanFields(matcher: Matcher, fields: ScanField[]): ScanMatch[] {
  const found: ScanMatch[] = [];
  if (matcher.terms.length === 0) return found;
  for (const field of fields) scanField(matcher, field, found);
  return found;
}
