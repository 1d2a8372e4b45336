// The signed links a subscriber receives. Confirmation links last 7 days; preference and
// unsubscribe links never expire, so every email ever sent keeps working.
import { siteUrl } from "@/lib/env";
import { createSignedToken } from "@/lib/signed-links";

export const CONFIRM_LINK_DAYS = 7;

export function confirmUrl(subscriberId: string, now = new Date()): string {
  const expiresAt = new Date(now.getTime() + CONFIRM_LINK_DAYS * 24 * 60 * 60 * 1000);
  return `${siteUrl()}/subscription/confirm?token=${createSignedToken("confirm", subscriberId, expiresAt)}`;
}

export function preferencesUrl(subscriberId: string): string {
  return `${siteUrl()}/subscription/preferences?token=${createSignedToken("preferences", subscriberId)}`;
}

/** Carried by the one-click URL and by the List-Unsubscribe mailto: subject. */
export function unsubscribeToken(subscriberId: string): string {
  return createSignedToken("unsubscribe", subscriberId);
}

/** The RFC 8058 one-click endpoint (POST), also the target of List-Unsubscribe. */
export function oneClickUnsubscribeUrl(subscriberId: string): string {
  return `${siteUrl()}/api/unsubscribe?token=${unsubscribeToken(subscriberId)}`;
}

/** The page a person lands on from the unsubscribe link in an email's footer. */
export function unsubscribePageUrl(subscriberId: string): string {
  return `${siteUrl()}/subscription/unsubscribe?token=${createSignedToken("unsubscribe", subscriberId)}`;
}
