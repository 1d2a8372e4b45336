import "server-only";
import { headers } from "next/headers";
import { CLIENT_ADDRESS_HEADER, isServedByDocketServer } from "@/lib/trust-proxy";

/**
 * The client's address, used only as a (hashed) rate-limit and moderation key. Docket's web server
 * (scripts/web-server.ts) works it out from the connection and, per TRUST_PROXY, X-Forwarded-For,
 * and passes it in CLIENT_ADDRESS_HEADER, removing any copy a client sent. Served any other way
 * (plain `next start`), that header could come from the client: then there is no address (null).
 */
export async function clientIp(): Promise<string | null> {
  if (!isServedByDocketServer()) return null;
  return (await headers()).get(CLIENT_ADDRESS_HEADER) || null;
}
