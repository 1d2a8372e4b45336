// Shared set-up for the auth, editorial, authorization and upload tests.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { useTestDatabase as copyTemplateDatabase } from "../helpers/database";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth";
import type { Role } from "@/generated/prisma/enums";

export const TEST_SITE = "http://docket.test";

/**
 * The global setup's migration connection to the template can linger for a few seconds, and
 * Postgres refuses to copy a template that is in use: retry until it is free.
 */
export async function openEditorialTestDatabase(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await copyTemplateDatabase();
      return;
    } catch (error) {
      if (attempt >= 4 || !String(error).includes("is being accessed by other users")) throw error;
    }
  }
}

/** Settings every test here needs; the outbox lives in a fresh temporary data folder. */
export async function useTestSettings(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "docket-editorial-"));
  process.env.DOCKET_DATA_DIR = dataDir;
  process.env.NEXTAUTH_SECRET = "test-secret-test-secret-test-secret-0123456789";
  process.env.NEXTAUTH_URL = TEST_SITE;
  process.env.SITE_URL = TEST_SITE;
  delete process.env.SMTP_URL;
  delete process.env.DOCKET_INTERNAL_URL;
  return dataDir;
}

export async function createTestUser(email: string, role: Role, displayName: string | null): Promise<SessionUser> {
  const user = await db().user.create({
    data: {
      email,
      role,
      ...(displayName ? { profile: { create: { slug: email.split("@")[0].replace(/[^a-z0-9]+/g, "-"), displayName } } } : {}),
    },
    select: { id: true, profile: { select: { id: true } } },
  });
  return { id: user.id, email, role, profileId: user.profile?.id ?? null, displayName, profileComplete: Boolean(displayName) };
}
