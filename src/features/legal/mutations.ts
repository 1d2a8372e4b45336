// The legal desk's writes: cases, links between posts and cases, clearances and holds.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { CaseForm } from "./schema";
import { listLivePostsFailingGate } from "./data";

type Client = Prisma.TransactionClient;

export async function saveCase(form: CaseForm): Promise<{ id: string; created: boolean }> {
  const data = {
    name: form.name,
    court: form.court,
    reference: form.reference,
    state: form.state,
    activeFrom: form.activeFrom ? new Date(`${form.activeFrom}T00:00:00Z`) : null,
    protectedTerms: form.protectedTerms,
    restrictions: form.restrictions,
    notes: form.notes,
  };
  if (form.caseId) {
    const { id } = await db().legalCase.update({ where: { id: form.caseId }, data, select: { id: true } });
    return { id, created: false };
  }
  const { id } = await db().legalCase.create({ data, select: { id: true } });
  return { id, created: true };
}

/** Links a post to a case; a writer's open "about a case" request is answered by it. False when already linked. */
export async function linkPostToCase(postId: string, caseId: string, userId: string): Promise<boolean> {
  await db().postCaseLink.deleteMany({ where: { postId, caseId: null } });
  const existing = await db().postCaseLink.findFirst({ where: { postId, caseId }, select: { id: true } });
  if (existing) return false;
  await db().postCaseLink.create({ data: { postId, caseId, linkedById: userId } });
  return true;
}

export async function unlinkPostFromCase(postId: string, caseId: string): Promise<boolean> {
  return (await db().postCaseLink.deleteMany({ where: { postId, caseId } })).count > 0;
}

/** A writer's "this is about a case": a link with no case, until an editor links one. False when one is there already. */
export async function requestCaseLink(postId: string, userId: string): Promise<boolean> {
  if ((await db().postCaseLink.count({ where: { postId } })) > 0) return false;
  await db().postCaseLink.create({ data: { postId, caseId: null, linkedById: userId } });
  return true;
}

export async function recordClearance(input: { postId: string; revisionId: string; reviewerId: string; note: string; overridden: Prisma.InputJsonValue }) {
  await db().legalClearance.upsert({
    where: { revisionId: input.revisionId },
    create: input,
    update: { reviewerId: input.reviewerId, note: input.note, overridden: input.overridden, createdAt: new Date() },
  });
}

/** True when the post was not held already. */
export async function holdPost(postId: string, reason: string, userId: string | null, client: Client = db()): Promise<boolean> {
  if (await client.legalHold.findUnique({ where: { postId }, select: { postId: true } })) return false;
  await client.legalHold.create({ data: { postId, reason, heldById: userId } });
  return true;
}

export async function liftHold(postId: string): Promise<boolean> {
  return (await db().legalHold.deleteMany({ where: { postId } })).count > 0;
}

/**
 * After a restore or an import: every published post whose live revision the gate would stop is held,
 * with `reason`. Returns them (id, title and why), for the run's report.
 */
export async function holdLivePostsFailingGate(reason: string, postIds?: string[], client: Client = db()) {
  const failing = await listLivePostsFailingGate(postIds, client);
  for (const post of failing) await holdPost(post.id, reason, null, client);
  return failing;
}

export async function setLegalReviewer(userId: string, legalReviewer: boolean): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { legalReviewer } });
}
