// Runs before two kinds of request; everything else goes straight to the app.
// - A search whose words cannot go into a path as they are (with / ? # % or \) is rewritten to
//   /search/<query>/<page> here, encoded; one of only dots gets the empty search form. Every other
//   search takes the cheaper rewrite in next.config.ts to the same page: a static page per query,
//   served from Next's cache, while the URL the reader sees is unchanged.
// - A WordPress address made of a query on the home page (/?p=123, /?page_id=…, /?cat=…) is rewritten to
//   /wordpress-address/<key>/<value>, which the catch-all route answers with a permanent redirect to where
//   that post or archive now lives (after an import), or the 404 page.
// - An admin page requested with no session cookie is redirected to sign-in with a real 307 (the
//   admin streams, so a redirect from inside a page would arrive as a 200). Pages still check the
//   session and role on the server: a cookie that is present is not trusted here.
import { NextResponse, type NextRequest } from "next/server";
import { parseSearchPage, SEARCH_QUERY_MAX } from "@/features/search/schema";
import { SESSION_COOKIE_NAMES } from "@/lib/session-cookie";

function rewriteSearch(request: NextRequest) {
  const query = request.nextUrl.searchParams.get("q")?.trim() ?? "";
  // Nothing to search for (no query, or only dots, which no path can hold): the empty search form.
  if (!/[^\s.]/.test(query)) return NextResponse.next();
  const page = parseSearchPage(request.nextUrl.searchParams.get("page"));
  const target = request.nextUrl.clone();
  // One character over the limit lets the page tell the reader the query was cut.
  target.pathname = `/search/${encodeURIComponent(query.slice(0, SEARCH_QUERY_MAX + 1))}/${page}`;
  target.search = "";
  return NextResponse.rewrite(target);
}

/** The query keys of old WordPress addresses, in the order WordPress itself reads them. */
const WORDPRESS_QUERY_KEYS = ["p", "page_id", "attachment_id", "cat", "tag", "author_name", "feed"] as const;

function rewriteWordPressQuery(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const key = WORDPRESS_QUERY_KEYS.find((name) => params.has(name));
  if (!key) return NextResponse.next();
  const target = request.nextUrl.clone();
  const feed = key !== "feed" && params.has("feed") ? "/feed" : "";
  target.pathname = `/wordpress-address/${key}/${encodeURIComponent(params.get(key) || "-")}${feed}`;
  target.search = "";
  return NextResponse.rewrite(target);
}

function sendSignedOutToSignIn(request: NextRequest) {
  if (SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const target = new URL("/admin/sign-in", request.url);
  target.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(target, 307);
}

export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname === "/search") return rewriteSearch(request);
  if (request.nextUrl.pathname === "/") return rewriteWordPressQuery(request);
  return sendSignedOutToSignIn(request);
}

export const config = {
  matcher: [
    { source: "/search", has: [{ type: "query", key: "q", value: "(?:[\\s\\S]*[/?#%\\\\][\\s\\S]*|[\\s.]*\\.[\\s.]*)" }] },
    // Old WordPress addresses on the home page (WORDPRESS_QUERY_KEYS; Next reads this list as written).
    { source: "/", has: [{ type: "query", key: "p" }] },
    { source: "/", has: [{ type: "query", key: "page_id" }] },
    { source: "/", has: [{ type: "query", key: "attachment_id" }] },
    { source: "/", has: [{ type: "query", key: "cat" }] },
    { source: "/", has: [{ type: "query", key: "tag" }] },
    { source: "/", has: [{ type: "query", key: "author_name" }] },
    { source: "/", has: [{ type: "query", key: "feed" }] },
    // Admin pages, not the sign-in pages nor the CSV export (a route handler that answers 401 itself).
    "/admin",
    "/admin/((?!sign-in|subscribers/export).*)",
  ],
};
