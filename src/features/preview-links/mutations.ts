// Writes for preview links: make one (storing only the token's hash) and revoke one.
import "server-only";
import { db } from "@/lib/db";
import { newPreviewToken } from "./token";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Returns the raw token: the only time it exists outside the link itself. */
export async function createPreviewLink(input: { postId: string; createdById: string; days: number }, now = new Date()) {
  const { token, tokenHash } = newPreviewToken();
  const link = await db().previewLink.create({
    data: { postId: input.postId, createdById: input.createdById, tokenHash, expiresAt: new Date(now.getTime() + input.days * DAY_MS) },
    select: { id: true, expiresAt: true },
  });
  return { ...link, token };
}

/** False when the link was already revoked. */
export async function revokePreviewLink(linkId: string, now = new Date()): Promise<boolean> {
  const { count } = await db().previewLink.updateMany({ where: { id: linkId, revokedAt: null }, data: { revokedAt: now } });
  return count > 0;
}
