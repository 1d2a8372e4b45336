// Who is signed in, and the server-side checks every admin page, server action and route handler
// goes through. Signing in (next-auth, magic links) is the people feature's: src/features/people/sign-in.ts.
import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { forbidden, redirect } from "next/navigation";
import { db } from "@/lib/db";
import { AuthorizationError } from "@/lib/errors";
import { can, rolesWith, type Permission } from "@/lib/permissions";
import { SESSION_COOKIE_NAMES } from "@/lib/session-cookie";
import type { Role } from "@/generated/prisma/enums";

export type SessionUser = {
  id: string;
  email: string;
  role: Role;
  /** An editor an admin marked as a legal reviewer (src/lib/permissions.ts). */
  legalReviewer?: boolean;
  profileId: string | null;
  displayName: string | null;
  profileComplete: boolean;
};

/**
 * The signed-in user behind a session cookie, or null when the session is unknown or expired, or its
 * login was deactivated (deactivating deletes the sessions too; this also refuses one that survived).
 */
export async function findSessionUser(sessionToken: string, now = new Date()): Promise<SessionUser | null> {
  const session = await db().session.findUnique({
    where: { sessionToken },
    select: {
      expires: true,
      user: { select: { id: true, email: true, role: true, legalReviewer: true, deactivatedAt: true, profile: { select: { id: true, displayName: true } } } },
    },
  });
  if (!session || session.expires <= now || session.user.deactivatedAt) return null;
  const { user } = session;
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    legalReviewer: user.legalReviewer,
    profileId: user.profile?.id ?? null,
    displayName: user.profile?.displayName ?? null,
    profileComplete: Boolean(user.profile?.displayName),
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

/** Who may call an action: anyone, anyone signed in, or holders of a permission. */
export type Access = Permission | "signed-in" | "public";

/** The signed-in user if the access rule lets them in; an AuthorizationError otherwise. */
export function assertAccess(user: SessionUser | null, access: Exclude<Access, "public">): SessionUser {
  if (!user) throw new AuthorizationError("SIGNED_OUT");
  if (access !== "signed-in" && !can(user, access)) throw new AuthorizationError("FORBIDDEN");
  return user;
}

/** For admin pages: sends signed-out visitors to sign in and answers 403 to the wrong roles. */
export async function requireUser(access: Exclude<Access, "public"> = "signed-in"): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/admin/sign-in");
  if (access !== "signed-in" && !can(user, access)) forbidden();
  return user;
}

/** The login addresses of everyone active whose role holds the permission (editors, for notifications). */
export async function listEmailsWithPermission(permission: Permission): Promise<string[]> {
  const users = await db().user.findMany({ where: { role: { in: rolesWith(permission) }, deactivatedAt: null }, select: { email: true } });
  return users.map((user) => user.email);
}
