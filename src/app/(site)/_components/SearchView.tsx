import { Pagination, PostListItem } from "@/features/posts/components/PostList";
import { SNIPPET_START, SNIPPET_STOP, searchPosts } from "@/features/search/data";
import { SEARCH_QUERY_MAX } from "@/features/search/schema";
import { paths } from "@/lib/seo";

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

/** The search page: the form, and results when there is a query. */
export async function SearchView({ rawQuery, page }: { rawQuery: string; page: number }) {
  const tooLong = rawQuery.length > SEARCH_QUERY_MAX;
  const query = rawQuery.trim().slice(0, SEARCH_QUERY_MAX);
  const results = query ? await searchPosts(query, page) : null;
  return (
    <>
      <header className="page-head">
        <p className="kicker">Search</p>
        <h1>{query ? `Results for “${query}”` : "Search the posts"}</h1>
      </header>
      <form action="/search" method="get" role="search" aria-label="Search the posts" className="search-form" style={{ maxWidth: "var(--measure)" }}>
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
