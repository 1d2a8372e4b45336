// Signed tokens for links in emails (confirm, preferences, unsubscribe): purpose + subject + expiry,
// HMAC-SHA256 with NEXTAUTH_SECRET. Nothing is stored; a token cannot be reused for another purpose.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

export type LinkPurpose = "confirm" | "preferences" | "unsubscribe";

const NEVER = 0;

function linkSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: signed links need it.");
  return secret;
}

function signature(payload: string): string {
  return createHmac("sha256", linkSecret()).update(`docket-link:${payload}`).digest("base64url").slice(0, 32);
}

/** A URL-safe token. `expiresAt` omitted: the token never expires (unsubscribe links must keep working). */
export function createSignedToken(purpose: LinkPurpose, subject: string, expiresAt?: Date): string {
  if (!/^[A-Za-z0-9_-]+$/.test(subject)) throw new Error("A signed-link subject must be URL-safe without dots.");
  const expiry = expiresAt ? Math.floor(expiresAt.getTime() / 1000).toString(36) : String(NEVER);
  const payload = `${purpose}.${subject}.${expiry}`;
  return `${payload}.${signature(payload)}`;
}

export type TokenCheck = { ok: true; subject: string } | { ok: false; reason: "invalid" | "expired" };

export function verifySignedToken(token: string | null | undefined, purpose: LinkPurpose, now = new Date()): TokenCheck {
  const parts = (token ?? "").split(".");
  if (parts.length !== 4) return { ok: false, reason: "invalid" };
  const [tokenPurpose, subject, expiry, given] = parts;
  const expected = Buffer.from(signature(`${tokenPurpose}.${subject}.${expiry}`));
  const provided = Buffer.from(given);
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) return { ok: false, reason: "invalid" };
  if (tokenPurpose !== purpose) return { ok: false, reason: "invalid" };
  const expiresAtSeconds = parseInt(expiry, 36);
  if (Number.isNaN(expiresAtSeconds)) return { ok: false, reason: "invalid" };
  if (expiresAtSeconds !== NEVER && expiresAtSeconds * 1000 < now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, subject };
}
