// Full-text search over published posts: Post.searchVector (title A, standfirst and author names B,
// body C, kept up to date by posts/store.ts) matched with websearch_to_tsquery('english').
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { withoutControlCharacters } from "@/lib/control-characters";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
import { SEARCH_QUERY_MAX } from "./schema";
import { POSTS_PER_PAGE, postCardSelect, toPostCard, type PostCard } from "@/features/posts/data";
import { readerVisibleSql } from "@/features/posts/reader-visibility";


/**
 * Marks around matched words in snippets: private-use characters, taken out of the text before it is
 * searched so that only the marks hold them (control characters, which no text holds either, do not
 * survive the database client's rule for text, src/lib/db.ts).
 */
export const SNIPPET_START = "\uE000";
export const SNIPPET_STOP = "\uE001";

export type SearchHit = PostCard & { snippet: string };
export type SearchResults = { hits: SearchHit[]; total: number; page: number; totalPages: number };

type RankedRow = { id: string; snippet: string; total: bigint };

// Posts saved before posts/store.ts filled searchVector still match, through the same weights.
const documentVector = Prisma.sql`coalesce(p."searchVector",
  setweight(to_tsvector('english', p.title), 'A') ||
  setweight(to_tsvector('english', coalesce(p.standfirst, '')), 'B') ||
  setweight(to_tsvector('english', p."bodyMarkdown"), 'C'))`;

/**
 * Published posts matching `query`, best first, with a snippet of the body around the matches.
 * An empty query, or one made only of stop words, matches nothing.
 */
export async function searchPosts(query: string, page = 1): Promise<SearchResults> {
  "use cache";
  cacheForReaders(tags.posts, tags.authors, tags.categories, tags.allSeries, tags.allComments);
  const text = query.trim().slice(0, SEARCH_QUERY_MAX);
  if (!text) return { hits: [], total: 0, page, totalPages: 0 };
  const headlineOptions = `StartSel=${SNIPPET_START}, StopSel=${SNIPPET_STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
  const ranked = await db().$queryRaw<RankedRow[]>`
    WITH q AS (SELECT websearch_to_tsquery('english', ${text}) AS query),
    matches AS (
      SELECT p.id, p."bodyHtml", p.standfirst, ts_rank(${documentVector}, q.query) AS rank, p."publishedAt"
        FROM "Post" p, q
       WHERE ${readerVisibleSql("p")} AND ${documentVector} @@ q.query
    )
    SELECT m.id,
           ts_headline('english',
             regexp_replace(regexp_replace(coalesce(m.standfirst, '') || ' ' || m."bodyHtml", '<[^>]*>', ' ', 'g'), ${`[${SNIPPET_START}${SNIPPET_STOP}]`}, '', 'g'),
             q.query, ${headlineOptions}) AS snippet,
           count(*) OVER () AS total
      FROM matches m, q
     ORDER BY m.rank DESC, m."publishedAt" DESC, m.id
     OFFSET ${(page - 1) * POSTS_PER_PAGE} LIMIT ${POSTS_PER_PAGE}`;
  const total = ranked.length > 0 ? Number(ranked[0].total) : await countMatches(text);
  const cards = await db().post.findMany({ where: { id: { in: ranked.map((row) => row.id) } }, select: postCardSelect });
  const byId = new Map(cards.map((card) => [card.id, toPostCard(card)]));
  const hits = ranked.flatMap((row) => {
    const card = byId.get(row.id);
    return card ? [{ ...card, snippet: decodeEntities(row.snippet) }] : [];
  });
  return { hits, total, page, totalPages: Math.ceil(total / POSTS_PER_PAGE) };
}

async function countMatches(text: string): Promise<number> {
  const [row] = await db().$queryRaw<{ total: bigint }[]>`
    SELECT count(*) AS total FROM "Post" p
     WHERE ${readerVisibleSql("p")} AND ${documentVector} @@ websearch_to_tsquery('english', ${text})`;
  return Number(row.total);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Snippets come from stored HTML with its tags removed; they are shown as text, so entities are decoded (and what they decode to meets the rule for text). */
function decodeEntities(text: string): string {
  const decoded = text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&([a-z]+);/gi, (match, name: string) => ENTITIES[name.toLowerCase()] ?? match)
    .replace(/\s+/g, " ")
    .trim();
  return withoutControlCharacters(decoded);
}
