// Reads about logins, sessions, bylines and invitations: for sign-in and the editors' people pages.
import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/generated/prisma/enums";

/** The login that may sign in with this address: null for an unknown or deactivated one. */
export async function findActiveUserIdByEmail(email: string): Promise<string | null> {
  const user = await db().user.findUnique({ where: { email }, select: { id: true, deactivatedAt: true } });
  return user && !user.deactivatedAt ? user.id : null;
}

export async function isLoginDeactivated(email: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { email }, select: { deactivatedAt: true } });
  return Boolean(user?.deactivatedAt);
}

export async function listUsersWithRoles(roles: Role[]) {
  return db().user.findMany({
    where: { role: { in: roles } },
    select: { id: true, email: true, role: true },
    orderBy: { email: "asc" },
  });
}

export async function listPeople() {
  return db().user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      deactivatedAt: true,
      profile: { select: { id: true, displayName: true, slug: true } },
      _count: { select: { sessions: true } },
    },
  });
}

/** Every byline with its real name: for editors only. */
export async function listProfilesForEditors() {
  return db().authorProfile.findMany({
    orderBy: { displayName: "asc" },
    select: {
      id: true,
      slug: true,
      displayName: true,
      isPseudonymous: true,
      realName: true,
      userId: true,
      user: { select: { email: true } },
      _count: { select: { posts: true } },
    },
  });
}

export async function listProfileChoices() {
  return db().authorProfile.findMany({
    orderBy: { displayName: "asc" },
    select: { id: true, displayName: true },
  });
}

export async function listPendingInvitations() {
  return db().invitation.findMany({
    where: { acceptedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, series: { select: { title: true } } },
  });
}

export async function findOwnProfile(userId: string) {
  return db().authorProfile.findUnique({
    where: { userId },
    select: { id: true, slug: true, displayName: true, bio: true, avatarUrl: true, xHandle: true, website: true },
  });
}

export async function isProfileSlugTaken(slug: string, exceptProfileId?: string): Promise<boolean> {
  const found = await db().authorProfile.findUnique({ where: { slug }, select: { id: true } });
  return Boolean(found && found.id !== exceptProfileId);
}

export async function findProfileLinkState(profileId: string) {
  return db().authorProfile.findUnique({ where: { id: profileId }, select: { id: true, userId: true, slug: true } });
}

export async function findUserWithProfile(userId: string) {
  return db().user.findUnique({ where: { id: userId }, select: { id: true, profile: { select: { id: true } } } });
}

export async function listUsersWithoutProfile() {
  return db().user.findMany({ where: { profile: null }, orderBy: { email: "asc" }, select: { id: true, email: true } });
}

/** One login as the admins' page about it shows it. */
export async function findLoginForAdmin(userId: string) {
  return db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      deactivatedAt: true,
      profile: { select: { id: true, displayName: true } },
      _count: { select: { sessions: true } },
    },
  });
}

export async function findLoginState(userId: string) {
  return db().user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, deactivatedAt: true } });
}

/** A byline with everything an editor may change, its real name included: for editors only. */
export async function findBylineForEditing(profileId: string) {
  return db().authorProfile.findUnique({
    where: { id: profileId },
    select: {
      id: true,
      slug: true,
      displayName: true,
      bio: true,
      avatarUrl: true,
      xHandle: true,
      website: true,
      isPseudonymous: true,
      realName: true,
      user: { select: { id: true, email: true, deactivatedAt: true } },
      _count: { select: { posts: true } },
    },
  });
}
