// Docket's web server: Next's own request handler (the one `next start` uses) behind a plain Node
// HTTP server, for two things `next start` cannot do.
// 1. The client's address. Next passes the connection's address to the app only by filling in
//    X-Forwarded-For when a request arrives without one, so a client that sends its own picks the
//    address every per-IP rule sees. Here the address is worked out from the connection and, as
//    TRUST_PROXY says, X-Forwarded-For (src/lib/trust-proxy.ts), and handed over in a header of
//    Docket's own, which is removed from every incoming request first: a client cannot set it.
// 2. Addresses Next would answer with a bare 500 (broken percent-encoding, NUL): see
//    src/lib/request-url.ts.
// Usage: node scripts/web-server.ts (PORT and every Docket setting from the environment). Node strips
// the types itself, with no loader: a loader's hooks would run on every request, as Next imports the
// cache handler anew for each one (a third of the server's time went there). So this file and what
// it imports name their .ts files and use no "@/" paths.
// Listens on every interface, as `next start` does.
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
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

const server = createServer((request, response) => {
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
});

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
