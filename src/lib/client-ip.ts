import "server-only";
import { headers } from "next/headers";

/**
 * The client's address, used only as a (hashed) rate-limit and moderation key. The last
 * X-Forwarded-For entry is the one added by the nearest hop: the reverse proxy in front of Docket
 * (nginx's $proxy_add_x_forwarded_for appends the real peer). Earlier entries come from the client.
 * Next fills the header with the peer address only when a request arrives without one, so a Docket
 * exposed with no proxy in front lets a client choose this key: deploy behind one (see README).
 */
export async function clientIp(): Promise<string | null> {
  const list = await headers();
  const forwarded = list.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? list.get("x-real-ip") ?? null;
}
