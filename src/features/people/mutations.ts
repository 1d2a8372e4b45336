// Writes about logins, sessions, bylines and invitations.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { hashVerificationToken, SIGN_IN_LINK_MAX_AGE_SECONDS } from "@/lib/auth";

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
