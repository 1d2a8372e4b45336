import type { Metadata } from "next";
import { Pagination, PostListItem } from "@/features/posts/components/PostList";
import { SEARCH_QUERY_MAX, SNIPPET_START, SNIPPET_STOP, searchPosts } from "@/features/search/data";
import { paths } from "@/lib/seo";

// Results depend on the query string, so this page renders per request (from cached search data)
// and waits for the results: they arrive in the HTML, with no client JavaScript needed.
export const instant = false;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Search", robots: { index: false, follow: true } };

function firstValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function pageParam(value: string): number {
  return /^[1-9]\d{0,3}$/.test(value) ? Number(value) : 1;
}

/** The snippet with its matched words in <mark>, all as text: no stored HTML is interpreted. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(SNIPPET_START);
  return (
    <>
      {parts.map((part, index) => {
        if (index === 0) return <span key={index}>{part}</span>;
        const [matched, rest = ""] = part.split(SNIPPET_STOP);
        return (
          <span key={index}>
            <mark>{matched}</mark>
            {rest}
          </span>
        );
      })}
    </>
  );
}

function SearchTips() {
  return (
    <ul>
      <li>Try fewer or different words: “probation officers” rather than a whole sentence.</li>
      <li>Put an exact phrase in quotes: “open prison”.</li>
      <li>Exclude a word with a minus sign: prisons -scotland.</li>
    </ul>
  );
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const rawQuery = firstValue(params.q).trim();
  const tooLong = rawQuery.length > SEARCH_QUERY_MAX;
  const query = rawQuery.slice(0, SEARCH_QUERY_MAX);
  const page = pageParam(firstValue(params.page));
  const results = query ? await searchPosts(query, page) : null;
  return (
    <>
      <header className="page-head">
        <p className="kicker">Search</p>
        <h1>{query ? `Results for “${query}”` : "Search the posts"}</h1>
      </header>
      <form action="/search" method="get" role="search" className="search-form" style={{ maxWidth: "var(--measure)" }}>
        <label htmlFor="search-page-q" className="visually-hidden">
          Search posts
        </label>
        <input id="search-page-q" type="search" name="q" defaultValue={query} maxLength={SEARCH_QUERY_MAX} />
        <button type="submit">Search</button>
      </form>
      {tooLong && (
        <p className="notice" role="status">
          That search was very long, so only its first {SEARCH_QUERY_MAX} characters were used.
        </p>
      )}
      {!results && (
        <div className="notice">
          <p>Search titles, introductions, posts and author names. For example:</p>
          <SearchTips />
        </div>
      )}
      {results && results.total === 0 && (
        <div className="notice" role="status">
          <p>
            <strong>No posts matched “{query}”.</strong>
          </p>
          <SearchTips />
        </div>
      )}
      {results && results.total > 0 && (
        <>
          <p className="meta" role="status">
            {results.total} {results.total === 1 ? "post" : "posts"} found
            {results.totalPages > 1 ? `, page ${page} of ${results.totalPages}` : ""}
          </p>
          {results.hits.length === 0 ? (
            <p className="notice">There are no results on page {page}.</p>
          ) : (
            <ol className="post-list" style={{ marginTop: "1rem" }}>
              {results.hits.map((hit) => (
                <li key={hit.id}>
                  <PostListItem post={hit} snippet={<Snippet text={hit.snippet} />} />
                </li>
              ))}
            </ol>
          )}
          <Pagination
            page={page}
            totalPages={results.totalPages}
            hrefFor={(target) => paths.search(query, target)}
            label="Search result pages"
          />
        </>
      )}
    </>
  );
}
