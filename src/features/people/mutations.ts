// Writes about logins, sessions, bylines and invitations.
import "server-only";
import { randomBytes } from "node:crypto";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { db } from "@/lib/db";
import { hashVerificationToken, SIGN_IN_LINK_MAX_AGE_SECONDS } from "./sign-in-token";
import { slugify } from "@/lib/slug";

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

export async function setProfilePseudonym(profileId: string, isPseudonymous: boolean, realName: string | null | undefined) {
  return db().authorProfile.update({
    where: { id: profileId },
    data: { isPseudonymous, realName: isPseudonymous ? (realName ?? null) : null },
    select: { slug: true },
  });
}

/** next-auth's store for users, sessions and sign-in tokens. */
export function nextAuthAdapter() {
  return PrismaAdapter(db() as unknown as Parameters<typeof PrismaAdapter>[0]);
}
