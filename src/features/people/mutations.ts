// Writes about logins, sessions, bylines and invitations.
import "server-only";
import { randomBytes } from "node:crypto";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { db } from "@/lib/db";
import { InputError, UserFacingError } from "@/lib/errors";
import { keepOldAddress } from "@/lib/redirect-table";
import { paths } from "@/lib/seo";
import { slugify } from "@/lib/slug";
import { Prisma } from "@/generated/prisma/client";
import type { Role } from "@/generated/prisma/enums";
import { hashVerificationToken, SIGN_IN_LINK_MAX_AGE_SECONDS } from "./sign-in-token";

/** Stores a single-use sign-in token the way next-auth's email callback expects it; returns the raw token. */
export async function createSignInToken(email: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("hex");
  await db().verificationToken.create({
    data: {
      identifier: email,
      token: hashVerificationToken(token),
      expires: new Date(now.getTime() + SIGN_IN_LINK_MAX_AGE_SECONDS * 1000),
    },
  });
  return token;
}

export async function deleteSession(sessionToken: string): Promise<void> {
  await db().session.deleteMany({ where: { sessionToken } });
}

/** Signs a user out on every device. */
export async function deleteAllSessionsOfUser(userId: string): Promise<number> {
  const { count } = await db().session.deleteMany({ where: { userId } });
  return count;
}

/** A login for an invited person; an existing login keeps its role. */
export async function createInvitation(input: { email: string; role: "GUEST" | "AUTHOR"; seriesId: string | null; invitedById: string }) {
  const user = await db().user.upsert({
    where: { email: input.email },
    update: {},
    create: { email: input.email, role: input.role },
    select: { id: true, role: true },
  });
  const invitation = await db().invitation.create({
    data: { email: input.email, role: input.role, seriesId: input.seriesId, invitedById: input.invitedById },
    select: { id: true, series: { select: { title: true } } },
  });
  return { userId: user.id, invitationId: invitation.id, seriesTitle: invitation.series?.title ?? null };
}

async function uniqueProfileSlug(name: string, exceptProfileId?: string): Promise<string> {
  const root = slugify(name) || "author";
  for (let suffix = 1; ; suffix++) {
    const candidate = suffix === 1 ? root : `${root}-${suffix}`;
    const taken = await db().authorProfile.findUnique({ where: { slug: candidate }, select: { id: true } });
    if (!taken || taken.id === exceptProfileId) return candidate;
  }
}

type ProfileFields = { displayName: string; bio: string; xHandle: string | null; website: string | null; avatarUrl: string | null };

/** Creates or updates the byline of a login; returns the slugs whose reader pages changed. */
export async function saveOwnProfile(user: { id: string; email: string }, fields: ProfileFields) {
  const userId = user.id;
  const existing = await db().authorProfile.findUnique({ where: { userId }, select: { id: true, slug: true, displayName: true } });
  const profile = existing
    ? await db().authorProfile.update({ where: { id: existing.id }, data: fields, select: { id: true, slug: true } })
    : await db().authorProfile.create({ data: { ...fields, userId, slug: await uniqueProfileSlug(fields.displayName) }, select: { id: true, slug: true } });
  await db().invitation.updateMany({ where: { email: user.email, acceptedAt: null }, data: { acceptedAt: new Date() } });
  return { profileId: profile.id, slug: profile.slug, nameChanged: existing?.displayName !== fields.displayName };
}

export async function createByline(fields: { displayName: string; bio: string; isPseudonymous: boolean; realName?: string | null }) {
  return db().authorProfile.create({
    data: {
      displayName: fields.displayName,
      bio: fields.bio,
      isPseudonymous: fields.isPseudonymous,
      realName: fields.isPseudonymous ? (fields.realName ?? null) : null,
      slug: await uniqueProfileSlug(fields.displayName),
    },
    select: { id: true, slug: true },
  });
}

export async function linkProfileToUser(profileId: string, userId: string) {
  return db().authorProfile.update({ where: { id: profileId }, data: { userId }, select: { slug: true } });
}

/** Refused: the change would leave the site with no active admin. */
export class LastActiveAdminError extends UserFacingError {
  constructor(what: "role" | "deactivate") {
    super(
      what === "role"
        ? "There must always be an active admin: make someone else an admin before changing this login's role."
        : "There must always be an active admin: this is the last one.",
    );
  }
}

type Transaction = Prisma.TransactionClient;

/**
 * Runs `change` with every active admin's row locked, so that two admins demoting or deactivating
 * each other at the same moment cannot both succeed: the second sees the first's change.
 */
async function withActiveAdminsLocked<T>(change: (tx: Transaction, activeAdminIds: string[]) => Promise<T>): Promise<T> {
  return db().$transaction(async (tx) => {
    const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE role = 'ADMIN' AND "deactivatedAt" IS NULL ORDER BY id FOR UPDATE`;
    return change(tx, admins.map((admin) => admin.id));
  });
}

const leavesNoActiveAdmin = (activeAdminIds: string[], userId: string) => activeAdminIds.length === 1 && activeAdminIds[0] === userId;

/** Gives a login another role; the role table is read on every request, so it applies at once. */
export async function changeUserRole(userId: string, role: Role): Promise<{ previousRole: Role } | null> {
  return withActiveAdminsLocked(async (tx, activeAdminIds) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!user) return null;
    if (role !== "ADMIN" && leavesNoActiveAdmin(activeAdminIds, userId)) throw new LastActiveAdminError("role");
    await tx.user.update({ where: { id: userId }, data: { role } });
    return { previousRole: user.role };
  });
}

/**
 * Deactivates a login: it can no longer sign in, its sessions end now and its unused sign-in links
 * stop working. Its bylines and posts stay as they are.
 */
export async function deactivateUser(userId: string, now = new Date()): Promise<{ sessionsEnded: number } | null> {
  return withActiveAdminsLocked(async (tx, activeAdminIds) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, deactivatedAt: true } });
    if (!user) return null;
    if (leavesNoActiveAdmin(activeAdminIds, userId)) throw new LastActiveAdminError("deactivate");
    if (!user.deactivatedAt) await tx.user.update({ where: { id: userId }, data: { deactivatedAt: now } });
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await tx.verificationToken.deleteMany({ where: { identifier: user.email } });
    return { sessionsEnded: count };
  });
}

export async function reactivateUser(userId: string): Promise<boolean> {
  const { count } = await db().user.updateMany({ where: { id: userId }, data: { deactivatedAt: null } });
  return count > 0;
}

type BylineFields = {
  displayName: string;
  slug: string;
  bio: string;
  xHandle: string | null;
  website: string | null;
  avatarUrl: string | null;
  isPseudonymous: boolean;
  realName?: string | null;
};

/** Refused: another byline has the address. The form shows this on the address field. */
export class ProfileSlugTakenError extends InputError {
  constructor(slug: string) {
    const message = `Another byline already has the address “${slug}”. Choose a different one.`;
    super(message, { slug: message });
  }
}

/**
 * An editor's edit of any byline; a changed address keeps the old one as a redirect. Returns what
 * readers' caches and search need to know.
 */
export async function updateByline(profileId: string, fields: BylineFields) {
  const before = await db().authorProfile.findUnique({ where: { id: profileId }, select: { slug: true, displayName: true } });
  if (!before) return null;
  try {
    await db().$transaction(async (tx) => {
      await tx.authorProfile.update({
        where: { id: profileId },
        data: { ...fields, realName: fields.isPseudonymous ? (fields.realName ?? null) : null },
      });
      // The old author page, its pages and feeds keep leading to the byline (src/features/redirects).
      await keepOldAddress(tx, { type: "AUTHOR", id: profileId }, paths.author(before.slug), paths.author(fields.slug));
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ProfileSlugTakenError(fields.slug);
    throw error;
  }
  return { previousSlug: before.slug, nameChanged: before.displayName !== fields.displayName };
}

/** next-auth's store for users, sessions and sign-in tokens. */
export function nextAuthAdapter() {
  return PrismaAdapter(db() as unknown as Parameters<typeof PrismaAdapter>[0]);
}
