// Docket's web server: Next's own request handler (the one `next start` uses) behind a plain Node
// HTTP server, for two things `next start` cannot do.
// 1. The client's address. Next passes the connection's address to the app only by filling in
//    X-Forwarded-For when a request arrives without one, so a client that sends its own picks the
//    address every per-IP rule sees. Here the address is worked out from the connection and, as
//    TRUST_PROXY says, X-Forwarded-For (src/lib/trust-proxy.ts), and handed over in a header of
//    Docket's own, which is removed from every incoming request first: a client cannot set it.
// 2. Addresses Next would answer with a bare 500 (broken percent-encoding, NUL): see
//    src/lib/request-url.ts.
// 3. A database that stops answering (src/lib/database-health.ts, probed from here): what the server
//    cannot answer meanwhile becomes a 503 with Retry-After, in the site's design (the admin's for the
//    admin), from copies of /unavailable and /admin/unavailable taken while it could.
// Usage: node scripts/web-server.ts (PORT and every Docket setting from the environment). Node strips
// the types itself, with no loader: a loader's hooks would run on every request, as Next imports the
// cache handler anew for each one (a third of the server's time went there). So this file and what
// it imports name their .ts files and use no "@/" paths.
// Listens on every interface, as `next start` does.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import next from "next";
import { RETRY_AFTER_SECONDS, startDatabaseHealth, type DatabaseHealth } from "../src/lib/database-health.ts";
import { env } from "../src/lib/env.ts";
import { repairRequestUrl } from "../src/lib/request-url.ts";
import { CLIENT_ADDRESS_HEADER, markServedByDocketServer, parseTrustProxy, resolveClientAddress } from "../src/lib/trust-proxy.ts";

const projectRoot = path.resolve(import.meta.dirname, "..");
const settings = env();
const trust = parseTrustProxy(settings.TRUST_PROXY);
const port = settings.PORT;

process.title = "docket-web";
markServedByDocketServer();
const app = next({ dev: false, dir: projectRoot, port, hostname: "localhost" });
await app.prepare();
const handle = app.getRequestHandler();
const health = settings.DATABASE_URL ? startDatabaseHealth(settings.DATABASE_URL) : null;
const unavailable = unavailablePages();

const server = createServer((request, response) => {
  if (health) answerUnavailableOnFailure(request, response, health);
  delete request.headers[CLIENT_ADDRESS_HEADER];
  const address = resolveClientAddress({ socketAddress: request.socket.remoteAddress, forwardedFor: request.headers["x-forwarded-for"], trust });
  if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
  if (request.url) request.url = repairRequestUrl(request.url);
  handle(request, response).catch((error: unknown) => {
    console.error(`Failed to handle ${request.method} ${request.url}:`, error);
    if (!response.headersSent) response.statusCode = 500;
    response.end();
  });
});

server.listen(port, () => {
  console.log(`Docket web server listening on port ${port} (client addresses: ${describeTrust()})`);
  unavailable.refresh();
});

type UnavailablePage = { type: string; body: string };

/** The pages a 503 shows, copied from this server while the database answers, kept fresh every ten minutes. */
function unavailablePages() {
  const plain = (text: string): UnavailablePage => ({ type: "text/html; charset=utf-8", body: `<!doctype html><html lang="en-GB"><title>Briefly unavailable</title><h1>Briefly unavailable</h1><p>${text}</p></html>` });
  const copies: Record<"site" | "admin", UnavailablePage> = {
    site: plain("This page cannot be shown just now: try again in a few seconds."),
    admin: plain("The database is unreachable: reload in a few seconds."),
  };
  const copy = async (which: "site" | "admin", path: string) => {
    const answer = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(30_000) }).catch(() => null);
    if (answer?.ok) copies[which] = { type: answer.headers.get("content-type") ?? "text/html; charset=utf-8", body: await answer.text() };
  };
  let timer: NodeJS.Timeout | undefined;
  return {
    refresh() {
      clearTimeout(timer);
      if (!health?.isDown()) void Promise.all([copy("site", "/unavailable"), copy("admin", "/admin/unavailable")]);
      timer = setTimeout(() => this.refresh(), 10 * 60_000);
      timer.unref();
    },
    for(url: string): UnavailablePage {
      if (url.startsWith("/api/")) return { type: "application/json", body: JSON.stringify({ error: "The database cannot be reached just now: try again in a moment." }) };
      return url === "/admin" || url.startsWith("/admin/") ? copies.admin : copies.site;
    },
  };
}

/**
 * While the database is not answering, an answer Next is about to send as a server error (the page
 * needed the database) goes out instead as a 503 with Retry-After and the unavailable page. Decided at
 * the first write, before anything is sent; Next's own body is then dropped.
 */
function answerUnavailableOnFailure(request: IncomingMessage, response: ServerResponse, database: DatabaseHealth) {
  const { writeHead, write, end } = response;
  let replaced = false;
  let inside = 0;
  // Down now, or a moment ago (a request that failed just before the database came back).
  const failing = (status: number) => inside === 0 && !replaced && !response.headersSent && status >= 500 && database.wasDownWithin(RETRY_AFTER_SECONDS * 1000);
  const replace = () => {
    replaced = true;
    const page = unavailable.for(request.url ?? "/");
    inside++;
    try {
      for (const name of response.getHeaderNames()) response.removeHeader(name);
      writeHead.call(response, 503, { "content-type": page.type, "retry-after": String(RETRY_AFTER_SECONDS), "cache-control": "no-store" });
      (end as (body: string) => ServerResponse).call(response, page.body);
    } finally {
      inside--;
    }
  };
  const passing = <T>(call: () => T): T => {
    inside++;
    try {
      return call();
    } finally {
      inside--;
    }
  };
  response.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (replaced) return this;
    if (failing(status)) {
      replace();
      return this;
    }
    return passing(() => (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest));
  } as ServerResponse["writeHead"];
  response.write = function (this: ServerResponse, ...args: unknown[]) {
    if (replaced) return true;
    if (failing(this.statusCode)) {
      replace();
      return true;
    }
    return passing(() => (write as (...args: unknown[]) => boolean).apply(this, args));
  } as ServerResponse["write"];
  response.end = function (this: ServerResponse, ...args: unknown[]) {
    if (replaced) return this;
    if (failing(this.statusCode)) {
      replace();
      return this;
    }
    return passing(() => (end as (...args: unknown[]) => ServerResponse).apply(this, args));
  } as ServerResponse["end"];
}

function describeTrust(): string {
  if (trust.kind === "off") return "the connection's, X-Forwarded-For ignored";
  if (trust.kind === "hops") return `X-Forwarded-For through ${trust.hops} proxy hop${trust.hops === 1 ? "" : "s"}`;
  return `X-Forwarded-For from ${trust.text}`;
}

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => {
    void app.close().finally(() => process.exit(0));
  });
  server.closeIdleConnections();
  // Long-lived connections (a slow client) must not hold the process: the caller's grace period is longer.
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
