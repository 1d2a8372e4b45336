// Sign-in (next-auth email magic links, database sessions) and the server-side authorization checks
// every admin page and server action goes through.
import { createHash } from "node:crypto";
import { cache } from "react";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { notFound, redirect } from "next/navigation";
import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { db } from "@/lib/db";
import { siteUrl } from "@/lib/env";
import type { Role } from "@/generated/prisma/enums";
import { findSessionUser, findUserIdByEmail, type SessionUser } from "@/features/people/data";
import { sendSignInEmail } from "@/features/people/emails";
import { SESSION_COOKIE_NAMES } from "@/lib/session-cookie";

export type { SessionUser };

/** A magic link works for 24 hours. */
export const SIGN_IN_LINK_MAX_AGE_SECONDS = 24 * 60 * 60;
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: start Docket with `npm start`.");
  return secret;
}

/** The hash next-auth stores for an emailed token (sha256 of token + secret), so its callback accepts ours. */
export function hashVerificationToken(token: string): string {
  return createHash("sha256").update(`${token}${authSecret()}`).digest("hex");
}

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
    adapter: PrismaAdapter(db() as unknown as Parameters<typeof PrismaAdapter>[0]),
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
    providers: [
      EmailProvider({
        maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
        // next-auth's own sign-in POST is closed (see the route): Docket's form creates links itself,
        // rate-limited and silent for unknown addresses. Should it ever be reached, it is just as careful.
        async sendVerificationRequest({ identifier, token, url }) {
          if (!(await findUserIdByEmail(identifier))) return;
          await sendSignInEmail({
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
      // Only people who were invited or seeded may sign in: no account is ever created by a link.
      async signIn({ user }) {
        return Boolean(user.email && (await findUserIdByEmail(user.email.toLowerCase())));
      },
      async redirect({ url, baseUrl }) {
        if (url.startsWith("/")) return `${baseUrl}${safeCallbackPath(url)}`;
        return new URL(url).origin === baseUrl ? url : `${baseUrl}/admin`;
      },
    },
  };
}

export async function readSessionToken(): Promise<string | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    const value = jar.get(name)?.value;
    if (value) return value;
  }
  return null;
}

export async function clearSessionCookies(): Promise<void> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) jar.delete(name);
}

/** The signed-in user (with role and byline), or null when signed out. Looked up once per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const token = await readSessionToken();
  if (!token) return null;
  // A session is checked against the clock at request time, never in a prefetched shell.
  await connection();
  return findSessionUser(token);
});

export const ALL_ROLES: Role[] = ["ADMIN", "EDITOR", "AUTHOR", "GUEST"];
export const EDITOR_ROLES: Role[] = ["ADMIN", "EDITOR"];

export type AuthorizationFailure = "SIGNED_OUT" | "FORBIDDEN";

/** Thrown by server-side checks; actions turn it into a message for the form. */
export class AuthorizationError extends Error {
  constructor(
    readonly failure: AuthorizationFailure,
    message = failure === "SIGNED_OUT" ? "Please sign in again: your session has ended." : "You are not allowed to do that.",
  ) {
    super(message);
    this.name = "AuthorizationError";
  }
}

/** The given user if they hold one of the roles (any role when none is given); throws otherwise. */
export function assertRole(user: SessionUser | null, roles: readonly Role[] = ALL_ROLES): SessionUser {
  if (!user) throw new AuthorizationError("SIGNED_OUT");
  if (roles.length > 0 && !roles.includes(user.role)) throw new AuthorizationError("FORBIDDEN");
  return user;
}

/** For server actions: the signed-in user holding one of the roles, or an AuthorizationError. */
export async function authorizeAction(...roles: Role[]): Promise<SessionUser> {
  return assertRole(await getCurrentUser(), roles.length > 0 ? roles : ALL_ROLES);
}

/** For admin pages: sends signed-out visitors to sign in and shows "not found" to the wrong roles. */
export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/admin/sign-in");
  if (roles.length > 0 && !roles.includes(user.role)) notFound();
  return user;
}
