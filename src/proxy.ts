// Runs before three kinds of request; everything else goes straight to the app.
// - A search whose words cannot go into a path as they are (with / ? # % or \) is rewritten to
//   /search/<query>/<page> here, encoded; one of only dots gets the empty search form. Every other
//   search takes the cheaper rewrite in next.config.ts to the same page: a static page per query,
//   served from Next's cache, while the URL the reader sees is unchanged.
// - A WordPress address made of a query on the home page (/?p=123, /?page_id=…, /?cat=…) is rewritten to
//   /wordpress-address/<key>/<value>[/feed], a path the WordPress import keeps in the redirect table, so
//   the catch-all route answers it with a permanent redirect to where that post or archive lives now
//   (or the 404 page); /?feed=… goes to the site's feed.
// - An admin page is answered here with its real status before any rendering starts (with Cache
//   Components the admin streams, so a status set from inside a page would arrive as a 200): 307 to
//   sign-in without a valid session, 403 when the role may not open the section or the post, 404 for a
//   post, page, series, category, tag, byline, login, outbox message or import run that does not
//   exist. Pages check the session and role again on the server.
// - A post on legal hold (features/legal) is answered here with 451 Unavailable For Legal Reasons and
//   a short notice (the page at /unavailable-for-legal-reasons), whatever Next's cache holds for it.
// - A preview link is answered here too: a real 404 (the page at /preview/expired) when it is unknown,
//   revoked or expired, and a real redirect to the post once that is published. Only a working link
//   reaches the preview page.
import { NextResponse, type NextRequest } from "next/server";
import { adminSections } from "@/components/admin-sections";
import { findSessionUser, type SessionUser } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { SESSION_COOKIE_NAMES } from "@/lib/session-cookie";
import { findPostAccessFacts } from "@/features/posts/admin/data";
import { canViewPost } from "@/features/posts/permissions";
import { findPageAccessFacts } from "@/features/pages/data";
import { canViewPageInAdmin } from "@/features/pages/permissions";
import { findPreviewLinkState } from "@/features/preview-links/data";
import { isPostHeldAt } from "@/features/legal/data";
import { DatabaseUnavailableError } from "@/lib/database-health";
import { previewTokenSchema } from "@/features/preview-links/schema";
import { hashPreviewToken } from "@/features/preview-links/token";
import { parseSearchPage, SEARCH_QUERY_MAX } from "@/features/search/schema";
import { findSeriesForEditing } from "@/features/series/data";
import { findCategoryForEditing } from "@/features/categories/data";
import { findTagForEditing } from "@/features/tags/data";
import { findBylineForEditing, findLoginForAdmin } from "@/features/people/data";
import { findImportRun } from "@/features/wordpress/data";
import { readOutboxMessage } from "@/lib/mail/outbox";
import { paths } from "@/lib/seo";
import { decodeOrKeep } from "@/lib/percent-encoding";

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
  // The site's own feed (/?feed=rss2): its address in Docket.
  if (key === "feed") return NextResponse.redirect(new URL(params.get("feed") === "atom" ? "/atom.xml" : "/feed.xml", request.url), 308);
  const target = request.nextUrl.clone();
  const feed = params.has("feed") ? "/feed" : "";
  target.pathname = `/wordpress-address/${key}/${encodeURIComponent(params.get(key) || "-")}${feed}`;
  target.search = "";
  return NextResponse.rewrite(target);
}

function sendToSignIn(request: NextRequest) {
  const target = new URL("/admin/sign-in", request.url);
  target.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(target, 307);
}

/**
 * A page of this app sent with another status. Next keeps a rewrite's status at 200 for app pages, so
 * the page is fetched from this server and sent on with the right one.
 */
async function pageWithStatus(request: NextRequest, pathname: string, status: 403 | 404 | 451, cacheControl = "private, no-cache, no-store, max-age=0, must-revalidate") {
  const self = process.env.PORT ? `http://127.0.0.1:${process.env.PORT}` : request.nextUrl.origin;
  const rendered = await fetch(new URL(pathname, self), { headers: { cookie: request.headers.get("cookie") ?? "" } });
  return new NextResponse(rendered.body, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": cacheControl } });
}

/** The admin's refusal or not-found page with its status. */
function answerWith(request: NextRequest, status: 403 | 404) {
  return pageWithStatus(request, status === 403 ? "/admin/not-available" : "/admin/not-found", status);
}

function decodedId(id: string): string | null {
  try {
    return decodeURIComponent(id);
  } catch {
    return null;
  }
}

/** The admin's pages of one thing each (beyond posts and pages): a thing that is not there is a 404. */
const THING_PAGES: { path: RegExp; exists: (id: string) => Promise<boolean> }[] = [
  { path: /^\/admin\/series\/(?!new\/?$)([^/]+)\/?$/, exists: async (id) => (await findSeriesForEditing(id)) !== null },
  { path: /^\/admin\/categories\/(?!new\/?$)([^/]+)\/?$/, exists: async (id) => (await findCategoryForEditing(id)) !== null },
  { path: /^\/admin\/tags\/([^/]+)\/?$/, exists: async (id) => (await findTagForEditing(id)) !== null },
  { path: /^\/admin\/people\/bylines\/([^/]+)\/?$/, exists: async (id) => id.length <= 40 && (await findBylineForEditing(id)) !== null },
  { path: /^\/admin\/people\/logins\/([^/]+)\/?$/, exists: async (id) => id.length <= 40 && (await findLoginForAdmin(id)) !== null },
  { path: /^\/admin\/outbox\/([^/]+)\/?$/, exists: async (file) => (await readOutboxMessage(file)) !== null },
  { path: /^\/admin\/import\/([^/]+)\/?$/, exists: async (id) => (await findImportRun(id))?.kind === "wordpress" },
];

/** 403 or 404 for the admin path, or null when this user may open it. */
async function refusalStatus(pathname: string, user: SessionUser): Promise<403 | 404 | null> {
  const postId = pathname.match(/^\/admin\/posts\/([^/]+)(?:\/history)?\/?$/)?.[1];
  if (postId) {
    const post = await findPostAccessFacts(decodeOrKeep(postId));
    if (!post) return 404;
    return canViewPost(user, post) ? null : 403;
  }
  const pageId = pathname.match(/^\/admin\/pages\/([^/]+)(?:\/history)?\/?$/)?.[1];
  if (pageId && can(user, "pages.draft")) {
    const page = await findPageAccessFacts(decodeOrKeep(pageId));
    if (!page) return 404;
    return canViewPageInAdmin(user, page) ? null : 403;
  }
  const section = adminSections.filter((entry) => entry.href !== "/admin" && (pathname === entry.href || pathname.startsWith(`${entry.href}/`))).at(-1);
  if (section && !can(user, section.permission)) return 403;
  for (const { path, exists } of THING_PAGES) {
    const id = path.exec(pathname)?.[1];
    if (id === undefined) continue;
    const decoded = decodedId(id);
    return decoded !== null && (await exists(decoded)) ? null : 404;
  }
  return null;
}

async function guardAdmin(request: NextRequest) {
  const token = SESSION_COOKIE_NAMES.map((name) => request.cookies.get(name)?.value).find(Boolean);
  const user = token ? await findSessionUser(token) : null;
  if (!user) return sendToSignIn(request);
  const status = await refusalStatus(request.nextUrl.pathname, user);
  return status ? answerWith(request, status) : NextResponse.next();
}

const DEAD_PREVIEW_PAGE = "/preview/expired";

async function answerPreviewLink(request: NextRequest) {
  // The page for dead links, fetched by pageWithStatus below (and a 404 of its own if opened directly).
  if (request.nextUrl.pathname === DEAD_PREVIEW_PAGE) return NextResponse.next();
  const token = previewTokenSchema.safeParse(request.nextUrl.pathname.slice("/preview/".length));
  const state = token.success ? await findPreviewLinkState(hashPreviewToken(token.data)) : "dead";
  if (state === "preview") return NextResponse.next();
  // Published since the link was made: the reviewer reads the real thing.
  if (state !== "dead") return NextResponse.redirect(new URL(paths.post(state.publishedSlug), request.url), 307);
  return pageWithStatus(request, DEAD_PREVIEW_PAGE, 404);
}

const LEGAL_HOLD_PAGE = "/unavailable-for-legal-reasons";
/** Shareable, so a front cache (the README's nginx) replaces its copy of the post with the notice rather than serving that copy stale. */
const LEGAL_HOLD_CACHE_CONTROL = "public, max-age=0, s-maxage=1";

/**
 * While the database does not answer, nothing can be put on hold, and a hold made before the outage
 * has already taken the post out of every cache: the page is left to the cache, as every reader page is.
 */
async function isHeld(slug: string): Promise<boolean> {
  try {
    return await isPostHeldAt(slug);
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError)) console.error(error);
    return false;
  }
}

async function answerPost(request: NextRequest, slug: string) {
  return (await isHeld(decodeOrKeep(slug))) ? pageWithStatus(request, LEGAL_HOLD_PAGE, 451, LEGAL_HOLD_CACHE_CONTROL) : NextResponse.next();
}

export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname === "/search") return rewriteSearch(request);
  const postSlug = request.nextUrl.pathname.match(/^\/posts\/([^/]+)\/?$/)?.[1];
  if (postSlug) return answerPost(request, postSlug);
  if (request.nextUrl.pathname.startsWith("/preview/")) return answerPreviewLink(request);
  if (request.nextUrl.pathname === "/") return rewriteWordPressQuery(request);
  return guardAdmin(request);
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
    // Admin pages, not the sign-in pages, the refusal and unavailable pages, nor the CSV export (a route handler that answers 401 itself).
    "/admin",
    "/admin/((?!sign-in|subscribers/export|not-available|not-found|unavailable).*)",
    "/preview/:token",
    "/posts/:slug",
  ],
};
