import Link from "next/link";
import { paths } from "@/lib/seo";

export function NotFoundView() {
  return (
    <div className="error-page">
      <p className="kicker">Error 404</p>
      <h1>We can’t find that page</h1>
      <p>The post may have moved, been withdrawn, or the address may have a typing mistake.</p>
      <form action="/search" method="get" role="search" aria-label="Search for the page" className="search-form">
        <label htmlFor="not-found-q" className="visually-hidden">
          Search posts
        </label>
        <input id="not-found-q" type="search" name="q" placeholder="Search the posts" maxLength={200} />
        <button type="submit">Search</button>
      </form>
      <p>
        Or start from the <Link href="/">latest posts</Link> or the <Link href={paths.allSeries()}>list of series</Link>.
      </p>
    </div>
  );
}
