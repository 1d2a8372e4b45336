// Which address a request comes from, given the TRUST_PROXY setting. Docket's web server
// (scripts/web-server.ts) works it out from the connection and X-Forwarded-For, and hands it to the
// app in CLIENT_ADDRESS_HEADER after removing any copy of that header the client sent.
import { BlockList, isIP } from "node:net";

/** Set by Docket's web server only; a value arriving from outside is removed before the app sees it. */
export const CLIENT_ADDRESS_HEADER = "x-docket-client-address";

/**
 * - off: the connection's own address; X-Forwarded-For is ignored (Docket serves clients directly).
 * - hops: that many proxies in front, each appending the address it received the request from.
 * - proxies: the addresses (or CIDR ranges) of the proxies in front; entries they added are believed.
 */
export type TrustProxy = { kind: "off" } | { kind: "hops"; hops: number } | { kind: "proxies"; list: BlockList; text: string };

/** "::ffff:127.0.0.1" (an IPv4 client on a dual-stack socket) → "127.0.0.1". */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed.toLowerCase();
}

function addEntry(list: BlockList, entry: string): boolean {
  const [address, prefixText, extra] = entry.split("/");
  const family = isIP(normalizeAddress(address));
  if (!family || extra !== undefined) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  if (prefixText === undefined) {
    list.addAddress(normalizeAddress(address), type);
    return true;
  }
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(normalizeAddress(address), Number(prefixText), type);
  return true;
}

/** Parses TRUST_PROXY; throws with a message that says what is accepted. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? "").trim();
  if (text === "" || /^(false|off|0|no)$/i.test(text)) return { kind: "off" };
  if (/^\d{1,2}$/.test(text)) return { kind: "hops", hops: Number(text) };
  const list = new BlockList();
  const entries = text.split(",").map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.filter((entry) => !addEntry(list, entry));
  if (entries.length === 0 || bad.length > 0) {
    throw new Error(
      `${bad.length > 0 ? `"${bad.join('", "')}" is not an IP address or CIDR range` : "no proxy listed"}: use false (no proxy), a number of proxy hops (1-99), or the proxies' addresses, comma-separated (e.g. 127.0.0.1,10.0.0.0/8)`,
    );
  }
  return { kind: "proxies", list, text };
}

function isTrustedProxy(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the connection's, or, through trusted proxies, the entry the outermost
 * trusted proxy added to X-Forwarded-For. Entries further left were written by the client and are
 * never believed. An entry that is not an IP address stops the walk at the proxy that passed it on.
 */
export function resolveClientAddress(input: { socketAddress: string | undefined; forwardedFor: string | string[] | undefined; trust: TrustProxy }): string | null {
  const peer = input.socketAddress ? normalizeAddress(input.socketAddress) : null;
  if (input.trust.kind === "off" || !peer) return peer;
  const forwarded = [input.forwardedFor ?? []]
    .flat()
    .flatMap((header) => header.split(","))
    .map(normalizeAddress)
    .filter(Boolean);
  // Nearest first: the connection, then each X-Forwarded-For entry from the right.
  const chain = [peer, ...forwarded.reverse()];
  let client = peer;
  for (let index = 1; index < chain.length; index++) {
    const nearer = chain[index - 1];
    const trusted = input.trust.kind === "hops" ? index <= input.trust.hops : isTrustedProxy(input.trust.list, nearer);
    if (!trusted || !isIP(chain[index])) break;
    client = chain[index];
  }
  return client;
}

const SERVED_BY_DOCKET = Symbol.for("docket.web-server");

/** Called by Docket's web server before it serves: from then on CLIENT_ADDRESS_HEADER is its own. */
export function markServedByDocketServer(): void {
  (globalThis as Record<symbol, unknown>)[SERVED_BY_DOCKET] = true;
}

/** The app shares the web server's process (Next runs in it), so it sees the same global. */
export function isServedByDocketServer(): boolean {
  return (globalThis as Record<symbol, unknown>)[SERVED_BY_DOCKET] === true;
}
