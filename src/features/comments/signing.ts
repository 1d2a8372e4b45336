// Keyed hashes and signatures for comments: the IP hash, the form's render-time token and the
// cookie that lists a commenter's own pending comments. All keyed with NEXTAUTH_SECRET.
import { createHmac, timingSafeEqual } from "node:crypto";

function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET is not set: comments need it to hash and sign.");
  return value;
}

function sign(purpose: string, payload: string): string {
  return createHmac("sha256", secret()).update(`docket-comments:${purpose}:${payload}`).digest("base64url");
}

function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** HMAC-SHA256 of the IP address; the raw address is never stored. */
export function hashIp(ip: string): string {
  return createHmac("sha256", secret()).update(ip.trim().toLowerCase()).digest("hex");
}

/** A hidden form field holding the time the form was rendered, signed so a bot cannot backdate it. */
export function createFormToken(renderedAt = new Date()): string {
  const stamp = renderedAt.getTime().toString(36);
  return `${stamp}.${sign("form", stamp)}`;
}

export type FormTokenCheck = { present: false } | { present: true; forged: true } | { present: true; forged: false; renderedAt: Date };

export function readFormToken(token: string | undefined): FormTokenCheck {
  if (!token) return { present: false };
  const [stamp, signature] = token.split(".");
  if (!stamp || !signature || !signatureMatches(sign("form", stamp), signature)) return { present: true, forged: true };
  return { present: true, forged: false, renderedAt: new Date(parseInt(stamp, 36)) };
}

export const PENDING_COOKIE = "docket_my_comments";
const MAX_REMEMBERED = 30;

/** The cookie value listing the ids of comments this browser submitted that still await moderation. */
export function encodePendingCookie(ids: string[]): string {
  const kept = [...new Set(ids)].slice(-MAX_REMEMBERED).filter((id) => /^[a-z0-9]+$/i.test(id));
  const payload = kept.join("-");
  return `${payload}.${sign("pending", payload)}`;
}

export function decodePendingCookie(value: string | undefined): string[] {
  if (!value) return [];
  const [payload, signature] = value.split(".");
  if (payload === undefined || !signature || !signatureMatches(sign("pending", payload), signature)) return [];
  return payload === "" ? [] : payload.split("-");
}
