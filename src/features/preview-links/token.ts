// The secret in a preview link. Only its sha256 is stored, as for sign-in tokens: the database alone
// cannot open a preview, and the link is shown once, to whoever made it.
import { createHash, randomBytes } from "node:crypto";

export function hashPreviewToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newPreviewToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashPreviewToken(token) };
}

export const previewPath = (token: string) => `/preview/${token}`;
