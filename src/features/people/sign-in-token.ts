// The single-use token inside a sign-in link, stored hashed the way next-auth's email callback expects.
import { createHash } from "node:crypto";

/** A magic link works for 24 hours. */
export const SIGN_IN_LINK_MAX_AGE_SECONDS = 24 * 60 * 60;

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: start Docket with `npm start`.");
  return secret;
}

/** sha256 of token + secret, as next-auth stores an emailed token. */
export function hashVerificationToken(token: string): string {
  return createHash("sha256").update(`${token}${authSecret()}`).digest("hex");
}
