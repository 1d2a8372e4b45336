// Runs before two kinds of request; everything else goes straight to the app.
// - A search whose words cannot go into a path as they are (with / ? # % or \) is rewritten to
//   /search/<query>/<page> here, encoded; one of only dots gets the empty search form. Every other
//   search takes the cheaper rewrite in next.config.ts to the same page: a static page per query,
//   served from Next's cache, while the URL the reader sees is unchanged.
// - An admin page requested with no session cookie is redirected to sign-in with a real 307 (the
//   admin streams, so a redirect from inside a page would arrive as a 200). Pages still check the
//   session and role on the server: a cookie that is present is not trusted here.
// - A preview link that is unknown, revoked or expired is answered by /preview/expired, a static page
//   whose 404 status was settled when it was prerendered, and one whose post was published since by a
//   real redirect to the post: the preview page streams after its static shell, too late to set the
//   status itself.
import { NextResponse, type NextRequest } from "next/server";
import { parseSearchPage, SEARCH_QUERY_MAX } from "@/features/search/schema";
import { findPreviewLinkState } from "@/features/preview-links/data";
import { previewTokenSchema } from "@/features/preview-links/schema";
import { hashPreviewToken } from "@/features/preview-links/token";
import { paths } from "@/lib/seo";
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

function sendSignedOutToSignIn(request: NextRequest) {
  if (SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const target = new URL("/admin/sign-in", request.url);
  target.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(target, 307);
}

async function answerPreviewLink(request: NextRequest) {
  const token = previewTokenSchema.safeParse(request.nextUrl.pathname.slice("/preview/".length));
  const state = token.success ? await findPreviewLinkState(hashPreviewToken(token.data)) : "dead";
  if (state === "preview") return NextResponse.next();
  // Published since the link was made: the reviewer reads the real thing.
  if (state !== "dead") return NextResponse.redirect(new URL(paths.post(state.publishedSlug), request.url), 307);
  return NextResponse.rewrite(new URL("/preview/expired", request.url));
}

export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname === "/search") return rewriteSearch(request);
  if (request.nextUrl.pathname.startsWith("/preview/")) return answerPreviewLink(request);
  return sendSignedOutToSignIn(request);
}

export const config = {
  matcher: [
    { source: "/search", has: [{ type: "query", key: "q", value: "(?:[\\s\\S]*[/?#%\\\\][\\s\\S]*|[\\s.]*\\.[\\s.]*)" }] },
    // Admin pages, not the sign-in pages nor the CSV export (a route handler that answers 401 itself).
    "/admin",
    "/admin/((?!sign-in|subscribers/export).*)",
    "/preview/:token",
  ],
};
