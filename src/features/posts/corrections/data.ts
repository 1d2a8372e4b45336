// Reads of corrections and clarifications: the public ones (reader pages and feeds see only those
// that went live with their revision, on published posts) and, for editors, every one of a post.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { CorrectionKind } from "@/generated/prisma/enums";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
import { publishedOnly } from "@/features/posts/reader-visibility";

export type PublicCorrection = { id: string; kind: CorrectionKind; text: string; publishedAt: Date };

const published = { publishedAt: { not: null } } satisfies Prisma.CorrectionWhereInput;
const newestFirst = [{ publishedAt: "desc" }, { id: "desc" }] satisfies Prisma.CorrectionOrderByWithRelationInput[];

/** A post's public corrections, newest first, as a relation select (its `publishedAt` is never null). */
export const publicCorrectionsQuery = {
  where: published,
  orderBy: newestFirst,
  select: { id: true, kind: true, text: true, publishedAt: true },
} satisfies Prisma.Post$correctionsArgs;

export function toPublicCorrection(row: { id: string; kind: CorrectionKind; text: string; publishedAt: Date | null }): PublicCorrection {
  return { ...row, publishedAt: row.publishedAt ?? new Date(0) };
}

export const CORRECTIONS_PER_PAGE = 20;

export type CorrectionListEntry = PublicCorrection & { post: { slug: string; title: string } };
export type CorrectionPage = { corrections: CorrectionListEntry[]; page: number; totalPages: number; total: number };

const onPublishedPosts = { ...published, post: publishedOnly } satisfies Prisma.CorrectionWhereInput;

/** Every public correction and clarification, newest first, `page` counted from 1. */
export async function listPublishedCorrections(page = 1, perPage = CORRECTIONS_PER_PAGE): Promise<CorrectionPage> {
  "use cache";
  cacheForReaders(tags.posts);
  const [rows, total] = await Promise.all([
    db().correction.findMany({
      where: onPublishedPosts,
      orderBy: newestFirst,
      skip: (page - 1) * perPage,
      take: perPage,
      select: { ...publicCorrectionsQuery.select, post: { select: { slug: true, title: true } } },
    }),
    db().correction.count({ where: onPublishedPosts }),
  ]);
  return { corrections: rows.map((row) => ({ ...toPublicCorrection(row), post: row.post })), page, total, totalPages: Math.max(1, Math.ceil(total / perPage)) };
}

/** Everything about a post's corrections an editor sees: the pending ones too. */
export async function listPostCorrectionsForEditors(postId: string) {
  return db().correction.findMany({
    where: { postId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, kind: true, text: true, createdAt: true, publishedAt: true },
  });
}

/** Corrections that went public in (after, until], on posts still published, oldest first: what the digest reports. */
export async function listCorrectionsPublishedBetween(after: Date, until: Date) {
  return db().correction.findMany({
    where: { publishedAt: { gt: after, lte: until }, post: publishedOnly },
    orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
    select: { ...publicCorrectionsQuery.select, postId: true },
  });
}

/** When readers last saw a post change: its last update, or its newest correction if later. */
export function lastChangeOf(post: { updatedAt: Date; corrections: PublicCorrection[] }): Date {
  const newest = post.corrections[0]?.publishedAt;
  return newest && newest > post.updatedAt ? newest : post.updatedAt;
}
