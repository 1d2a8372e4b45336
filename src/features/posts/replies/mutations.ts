// Writes of right-of-reply requests. A response an editor publishes waits on the revision it was added
// to and goes out with it: publishRepliesUpTo runs when the post store makes a revision live.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";

export async function addReplyRequest(input: { postId: string; person: string; putAt: Date; how: string; deadline: Date }) {
  return db().replyRequest.create({ data: input, select: { id: true } });
}

export async function recordReplyResponse(requestId: string, response: string, respondedAt: Date) {
  await db().replyRequest.update({ where: { id: requestId }, data: { response, respondedAt } });
}

export async function markReplyForPublication(requestId: string, revisionId: string) {
  await db().replyRequest.update({ where: { id: requestId }, data: { revisionId } });
}

export async function publishRepliesUpTo(tx: Prisma.TransactionClient, postId: string, revisionNumber: number, now = new Date()) {
  await tx.replyRequest.updateMany({ where: { postId, publishedAt: null, response: { not: null }, revision: { number: { lte: revisionNumber } } }, data: { publishedAt: now } });
}

/** Discard changes withdraws responses waiting to go out with the working copy. */
export async function withdrawPendingRepliesOf(postId: string): Promise<number> {
  return (await db().replyRequest.updateMany({ where: { postId, publishedAt: null, revisionId: { not: null } }, data: { revisionId: null } })).count;
}
