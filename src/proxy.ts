// Only /search passes through here. A query in the URL (/search?q=prisons&page=2, what the plain
// GET form sends) is rewritten to /search/<query>/<page>, a static page per query: results come
// from Next's cache like every other reader page, and the URL the reader sees is unchanged.
import { NextResponse, type NextRequest } from "next/server";
import { parseSearchPage, SEARCH_QUERY_MAX } from "@/features/search/schema";

export function proxy(request: NextRequest) {
  const query = request.nextUrl.searchParams.get("q")?.trim() ?? "";
  if (!query) return NextResponse.next();
  const page = parseSearchPage(request.nextUrl.searchParams.get("page"));
  const target = request.nextUrl.clone();
  // One character over the limit lets the page tell the reader the query was cut.
  target.pathname = `/search/${encodeURIComponent(query.slice(0, SEARCH_QUERY_MAX + 1))}/${page}`;
  target.search = "";
  return NextResponse.rewrite(target);
}

export const config = { matcher: "/search" };
