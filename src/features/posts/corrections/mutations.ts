// Writes of corrections and clarifications. They wait in a published post's working copy (a revision
// not live yet) and go out with it: publishCorrectionsUpTo runs when the post store makes a revision live.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { CorrectionKind } from "@/generated/prisma/enums";
import { db } from "@/lib/db";

export async function addCorrection(input: { postId: string; revisionId: string; kind: CorrectionKind; text: string }) {
  return db().correction.create({ data: input, select: { id: true } });
}

/** Removes a correction that has not reached readers; false when it is public (or gone). */
export async function withdrawPendingCorrection(correctionId: string): Promise<{ postId: string } | null> {
  const pending = await db().correction.findFirst({ where: { id: correctionId, publishedAt: null }, select: { postId: true } });
  if (!pending) return null;
  await db().correction.delete({ where: { id: correctionId } });
  return pending;
}

/** Corrections of the revisions up to the one going live become public now, dated now. */
export async function publishCorrectionsUpTo(tx: Prisma.TransactionClient, postId: string, revisionNumber: number, now = new Date()) {
  await tx.correction.updateMany({ where: { postId, publishedAt: null, revision: { number: { lte: revisionNumber } } }, data: { publishedAt: now } });
}

/** Discard changes drops the corrections waiting in the working copy too; returns how many. */
export async function withdrawPendingCorrectionsOf(postId: string): Promise<number> {
  return (await db().correction.deleteMany({ where: { postId, publishedAt: null } })).count;
}
