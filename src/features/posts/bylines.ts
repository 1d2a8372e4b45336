// The only AuthorProfile fields any reader output (pages, feeds, JSON-LD, images) may use.
// Selecting through this list is the guard that keeps a pseudonymous author's real name, and any
// login behind a profile, out of public output. Never add realName or userId here.
import type { Prisma } from "@/generated/prisma/client";

export const publicProfileSelect = {
  slug: true,
  displayName: true,
  avatarUrl: true,
  xHandle: true,
  website: true,
} satisfies Prisma.AuthorProfileSelect;

export type PublicByline = Prisma.AuthorProfileGetPayload<{ select: typeof publicProfileSelect }>;
