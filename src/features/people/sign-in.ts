// Signing in: next-auth's email provider (magic links, database sessions), Docket's own rate-limited
// link request, and the confirmation page's links. Only people who were invited or seeded may sign in,
// and not once an admin has deactivated their login.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import { z } from "zod";
import { siteUrl } from "@/lib/env";
import { InputError } from "@/lib/errors";
import { enqueue, type QueueSpec } from "@/lib/job-queue";
import { consumeRateLimit } from "@/lib/rate-limit";
import { findActiveUserIdByEmail } from "./data";
import { createSignInToken, nextAuthAdapter } from "./mutations";
import { queueSignInEmail } from "./emails";
import { authSecret, SIGN_IN_LINK_MAX_AGE_SECONDS } from "./sign-in-token";

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const SIGN_IN_LIMITS = {
  perAddress: { limit: 5, windowSeconds: 15 * 60 },
  perIp: { limit: 20, windowSeconds: 15 * 60 },
};

/**
 * The emailed link opens a confirmation page, not next-auth's callback: mail scanners that fetch
 * links once would otherwise spend the single-use token before the person clicks.
 */
export function signInConfirmUrl(params: { token: string; email: string; callbackUrl: string }): string {
  return `${siteUrl()}/admin/sign-in/confirm?${new URLSearchParams(params)}`;
}

/** Only same-site paths are followed after sign-in. */
export function safeCallbackPath(candidate: string | null | undefined, fallback = "/admin"): string {
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) return fallback;
  return candidate;
}

function callbackPathOf(url: string): string {
  try {
    return safeCallbackPath(new URL(url).searchParams.get("callbackUrl"));
  } catch {
    return "/admin";
  }
}

let options: NextAuthOptions | undefined;

/** Built on first use, so importing this module never needs a database. */
export function authOptions(): NextAuthOptions {
  options ??= buildAuthOptions();
  return options;
}

function buildAuthOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    adapter: nextAuthAdapter(),
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
    providers: [
      EmailProvider({
        maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
        // next-auth's own sign-in POST is closed (see the route): Docket's form creates links itself,
        // rate-limited and silent for unknown addresses. Should it ever be reached, it is just as careful.
        async sendVerificationRequest({ identifier, token, url }) {
          if (!(await findActiveUserIdByEmail(identifier))) return;
          await queueSignInEmail({
            to: identifier,
            url: signInConfirmUrl({ token, email: identifier, callbackUrl: callbackPathOf(url) }),
            reason: "sign-in",
          });
        },
      }),
    ],
    pages: {
      signIn: "/admin/sign-in",
      verifyRequest: "/admin/sign-in/check-email",
      error: "/admin/sign-in/error",
    },
    callbacks: {
      // No account is ever created by a link.
      async signIn({ user }) {
        return Boolean(user.email && (await findActiveUserIdByEmail(user.email.toLowerCase())));
      },
      async redirect({ url, baseUrl }) {
        if (url.startsWith("/")) return `${baseUrl}${safeCallbackPath(url)}`;
        return new URL(url).origin === baseUrl ? url : `${baseUrl}/admin`;
      },
    },
  };
}

/**
 * Every sign-in request queues the same job, whether or not the address belongs to anyone, so the
 * answer takes as long for a stranger's address as for a writer's; the worker makes the link and
 * emails it only to an active login (emailSignInLinkIfKnown).
 */
export const SIGN_IN_LINK_QUEUE: QueueSpec = {
  name: "sign-in-link",
  options: () => ({ retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 60, deleteAfterSeconds: 3600 }),
};

export const signInLinkRequestSchema = z.object({ email: z.string(), callbackPath: z.string() });

export type SignInLinkRequest = z.infer<typeof signInLinkRequestSchema>;

/** Rate-limited per address and per IP, with the same answer whether or not the address belongs to anyone. */
export async function requestSignInLink(request: { email: string; callbackUrl?: string; ip: string }): Promise<void> {
  const { email } = request;
  const [byIp, byAddress] = await Promise.all([
    consumeRateLimit(`sign-in:ip:${request.ip}`, SIGN_IN_LIMITS.perIp),
    consumeRateLimit(`sign-in:email:${email}`, SIGN_IN_LIMITS.perAddress),
  ]);
  if (!byIp.allowed || !byAddress.allowed) {
    const minutes = Math.ceil(Math.max(byIp.retryAfterSeconds, byAddress.retryAfterSeconds) / 60);
    const message = `Too many sign-in attempts. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
    throw new InputError(message, { email: message });
  }
  await enqueue(SIGN_IN_LINK_QUEUE, { email, callbackPath: safeCallbackPath(request.callbackUrl) } satisfies SignInLinkRequest);
}

/** The worker's half of a sign-in request: a link, emailed, for an active login; nothing for anyone else. */
export async function emailSignInLinkIfKnown({ email, callbackPath }: SignInLinkRequest): Promise<void> {
  if (!(await findActiveUserIdByEmail(email))) return;
  const token = await createSignInToken(email);
  await queueSignInEmail({ to: email, url: signInConfirmUrl({ token, email, callbackUrl: safeCallbackPath(callbackPath) }), reason: "sign-in" });
}
