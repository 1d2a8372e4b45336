// Request addresses Next cannot serve, made into ones it can, by Docket's web server
// (scripts/web-server.ts) before Next sees them.
// - A path whose percent-encoding is broken ("/%", "/posts/%E0%A4%A") makes Next answer a bare
//   "Internal Server Error": it becomes MALFORMED_PATH, which no route serves, so the reader gets
//   the site's 404 page.
// - NUL (%00) cannot reach the database (PostgreSQL text has no NUL). In a path it becomes U+FFFD,
//   the replacement character, so the address finds nothing (a 404); in a query string it is
//   removed, so `/search?q=%00` is the empty search.

export const MALFORMED_PATH = "/.malformed-address";

const NUL = /%00/g;
const REPLACEMENT_CHARACTER = "%EF%BF%BD";

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The request target (path and query, as on the request line) that Docket hands to Next. */
export function repairRequestUrl(url: string): string {
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? "" : url.slice(queryAt);
  const repairedPath = decodes(path) ? path.replace(NUL, REPLACEMENT_CHARACTER) : MALFORMED_PATH;
  return repairedPath + query.replace(NUL, "");
}
