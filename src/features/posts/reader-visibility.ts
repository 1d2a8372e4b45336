// The one rule of what readers see, for every reader query (posts, feeds, sitemap, search, lists,
// the digest, corrections): a published post not on legal hold (features/legal).
import "server-only";
import { Prisma } from "@/generated/prisma/client";

/**
 * The one rule of what readers see: a published post not on legal hold (features/legal). Every reader
 * query uses it: Prisma's `publishedOnly`, or `readerVisibleSql` in raw SQL.
 */
export const publishedOnly = { status: "PUBLISHED", legalHold: { is: null } } satisfies Prisma.PostWhereInput;

/** Not on legal hold: for rows of "Post" under `alias` (a constant of the query, never input). */
export const notHeldSql = (alias: string) => Prisma.sql`NOT EXISTS (SELECT 1 FROM "LegalHold" held WHERE held."postId" = ${Prisma.raw(`${alias}.id`)})`;

/** `publishedOnly` in raw SQL, for rows of "Post" under `alias`. */
export const readerVisibleSql = (alias: string) => Prisma.sql`(${Prisma.raw(`${alias}.status`)} = 'PUBLISHED' AND ${notHeldSql(alias)})`;
