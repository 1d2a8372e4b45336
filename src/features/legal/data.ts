// The legal desk's reads: cases, what the gate says of a revision, and what the desk's pages list.
// Reads the posts' tables directly (legal sits below posts in FEATURE_ORDER, so the post store can
// call the gate before any revision goes live). Nothing here is ever shown to readers.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { compileTerms, scanFields, type Matcher, type ProtectedTerm, type ScanMatch } from "./scan";
import { postScanFields } from "./scan-fields";
import { restrictionSchema, type Restriction } from "./schema";

type Client = Prisma.TransactionClient;

// ---------- cases ----------

export async function listCases() {
  return db().legalCase.findMany({
    orderBy: [{ state: "asc" }, { name: "asc" }],
    select: { id: true, name: true, court: true, reference: true, state: true, activeFrom: true, protectedTerms: true, restrictions: true, _count: { select: { posts: true } } },
  });
}

export async function findCase(caseId: string) {
  const found = await db().legalCase.findUnique({ where: { id: caseId } });
  return found ? { ...found, restrictions: restrictionsOf(found.restrictions) } : null;
}

export function restrictionsOf(value: Prisma.JsonValue): Restriction[] {
  const parsed = restrictionSchema.array().safeParse(value);
  return parsed.success ? parsed.data : [];
}

export async function caseExists(caseId: string): Promise<boolean> {
  return (await db().legalCase.count({ where: { id: caseId } })) > 0;
}

// ---------- the scan's terms ----------

/** What the scan looks for: the protected terms of every active case, and every pen name's real name. */
export async function listProtectedTerms(client: Client = db()): Promise<ProtectedTerm[]> {
  const [cases, penNames] = await Promise.all([
    client.legalCase.findMany({ where: { state: "ACTIVE" }, select: { id: true, protectedTerms: true } }),
    client.authorProfile.findMany({ where: { isPseudonymous: true, realName: { not: null } }, select: { id: true, realName: true } }),
  ]);
  return [
    ...cases.flatMap((item) => item.protectedTerms.map((term) => ({ term, source: `case:${item.id}` }))),
    ...penNames.flatMap((profile) => (profile.realName?.trim() ? [{ term: profile.realName.trim(), source: `pen-name:${profile.id}` }] : [])),
  ];
}

export async function protectedTermMatcher(client: Client = db()): Promise<Matcher> {
  return compileTerms(await listProtectedTerms(client));
}

// ---------- the gate ----------

export type GateAssessment = {
  postId: string;
  revisionId: string;
  revisionNumber: number;
  /** Active cases the post is linked to. */
  activeCases: { id: string; name: string }[];
  /** A writer said the post is about a case and no editor has linked one yet. */
  caseRequested: boolean;
  matches: ScanMatch[];
  clearance: { reviewerEmail: string | null; note: string; createdAt: Date } | null;
};

export const needsClearance = (assessment: GateAssessment) => assessment.activeCases.length > 0 || assessment.caseRequested || assessment.matches.length > 0;
export const blockedByGate = (assessment: GateAssessment) => needsClearance(assessment) && !assessment.clearance;

/** Why a revision needs clearance, in words for the editor (never naming a case or a term: the message may reach a writer). */
export function gateReasons(assessment: GateAssessment): string[] {
  const reasons: string[] = [];
  if (assessment.activeCases.length > 0) reasons.push("it is linked to an active case");
  if (assessment.caseRequested) reasons.push("its writer said it is about a case, and no case is linked yet");
  if (assessment.matches.length > 0) reasons.push(`it holds a protected name or term (in the ${[...new Set(assessment.matches.map((match) => match.field))].join(", ")})`);
  return reasons;
}

/** Refused by the legal gate: the version must be cleared by a legal reviewer first. */
export class LegalGateError extends UserFacingError {
  constructor(readonly assessment: GateAssessment) {
    super(`This version needs a legal reviewer's clearance before it can go out: ${gateReasons(assessment).join("; ")}. It is in the review queue.`);
  }
}

/** What the gate says of each revision (one scan automaton for all of them). */
export async function assessRevisions(revisionIds: string[], client: Client = db(), matcher?: Matcher): Promise<GateAssessment[]> {
  if (revisionIds.length === 0) return [];
  const revisions = await client.revision.findMany({
    where: { id: { in: revisionIds } },
    select: { id: true, postId: true, number: true, title: true, standfirst: true, bodyMarkdown: true, coverImageAlt: true, tagIds: true, authorProfileIds: true },
  });
  const postIds = [...new Set(revisions.map((revision) => revision.postId))];
  const [terms, links, clearances, tagRows, profileRows] = await Promise.all([
    matcher ?? protectedTermMatcher(client),
    client.postCaseLink.findMany({ where: { postId: { in: postIds } }, select: { postId: true, caseId: true, legalCase: { select: { id: true, name: true, state: true } } } }),
    client.legalClearance.findMany({ where: { revisionId: { in: revisionIds } }, select: { revisionId: true, reviewerId: true, note: true, createdAt: true } }),
    client.tag.findMany({ where: { id: { in: revisions.flatMap((revision) => revision.tagIds) } }, select: { id: true, name: true } }),
    client.authorProfile.findMany({ where: { id: { in: revisions.flatMap((revision) => revision.authorProfileIds) } }, select: { id: true, bio: true } }),
  ]);
  const reviewers = await client.user.findMany({ where: { id: { in: clearances.flatMap((clearance) => (clearance.reviewerId ? [clearance.reviewerId] : [])) } }, select: { id: true, email: true } });
  const tagName = new Map(tagRows.map((row) => [row.id, row.name]));
  const bio = new Map(profileRows.map((row) => [row.id, row.bio]));
  const byId = new Map(revisions.map((revision) => [revision.id, revision]));
  return revisionIds.flatMap((revisionId) => {
    const revision = byId.get(revisionId);
    if (!revision) return [];
    const postLinks = links.filter((link) => link.postId === revision.postId);
    const clearance = clearances.find((row) => row.revisionId === revisionId);
    const fields = postScanFields({
      title: revision.title,
      standfirst: revision.standfirst,
      bodyMarkdown: revision.bodyMarkdown,
      coverImageAlt: revision.coverImageAlt,
      tagNames: revision.tagIds.flatMap((tagId) => tagName.get(tagId) ?? []),
      authorBios: revision.authorProfileIds.flatMap((profileId) => bio.get(profileId) ?? []),
    });
    return [
      {
        postId: revision.postId,
        revisionId,
        revisionNumber: revision.number,
        activeCases: postLinks.flatMap((link) => (link.legalCase?.state === "ACTIVE" ? [{ id: link.legalCase.id, name: link.legalCase.name }] : [])),
        caseRequested: postLinks.length > 0 && postLinks.every((link) => link.caseId === null),
        matches: scanFields(terms, fields),
        clearance: clearance ? { reviewerEmail: reviewers.find((user) => user.id === clearance.reviewerId)?.email ?? null, note: clearance.note, createdAt: clearance.createdAt } : null,
      },
    ];
  });
}

export async function assessRevision(revisionId: string, client: Client = db()): Promise<GateAssessment> {
  const [assessment] = await assessRevisions([revisionId], client);
  if (!assessment) throw new Error(`Revision ${revisionId} does not exist.`);
  return assessment;
}

/**
 * The legal gate, called by the post store before any revision goes live or is scheduled to (Publish,
 * Schedule, the worker's scheduled publishing, Update and a scheduled update): a revision of a post
 * linked to an active case, or holding a protected term, goes out only once a legal reviewer cleared
 * that exact revision.
 */
export async function assertRevisionMayGoLive(client: Client, revisionId: string): Promise<void> {
  const assessment = await assessRevision(revisionId, client);
  if (blockedByGate(assessment)) throw new LegalGateError(assessment);
}

// ---------- what the desk lists ----------

/**
 * Posts on their way out (submitted, scheduled, changes to a published post, or linked to a case)
 * whose latest revision the gate would stop: the review queue's "needs legal clearance".
 */
export async function listPostsNeedingClearance() {
  const candidates = await db().post.findMany({
    where: {
      OR: [{ status: { in: ["SUBMITTED", "SCHEDULED"] } }, { caseLinks: { some: {} }, status: { not: "PUBLISHED" } }, { status: "PUBLISHED", revisions: { some: { OR: [{ submittedAt: { not: null } }, { scheduledFor: { not: null } }] } } }],
    },
    select: { id: true, title: true, status: true, revisions: { orderBy: { number: "desc" }, take: 1, select: { id: true } } },
  });
  const assessments = await assessRevisions(candidates.flatMap((post) => post.revisions.map((revision) => revision.id)));
  return candidates.flatMap((post) => {
    const assessment = assessments.find((item) => item.postId === post.id);
    return assessment && blockedByGate(assessment) ? [{ ...post, assessment, reasons: gateReasons(assessment) }] : [];
  });
}

/** Everything the post's admin page shows of the legal desk. */
export async function findPostLegalState(postId: string) {
  const [links, hold, latest] = await Promise.all([
    db().postCaseLink.findMany({ where: { postId }, select: { id: true, caseId: true, legalCase: { select: { id: true, name: true, state: true } } }, orderBy: { createdAt: "asc" } }),
    db().legalHold.findUnique({ where: { postId } }),
    db().revision.findFirst({ where: { postId }, orderBy: { number: "desc" }, select: { id: true } }),
  ]);
  const assessment = latest ? await assessRevision(latest.id) : null;
  return { links, hold, assessment };
}

export async function listCaseChoices() {
  return db().legalCase.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, state: true } });
}

export async function findHold(postId: string) {
  return db().legalHold.findUnique({ where: { postId } });
}

/** The published posts among these whose live revision the gate would stop now (after a restore or an import). */
export async function listLivePostsFailingGate(postIds?: string[], client: Client = db()) {
  const posts = await client.post.findMany({
    where: { status: "PUBLISHED", liveRevisionId: { not: null }, legalHold: { is: null }, ...(postIds ? { id: { in: postIds } } : {}) },
    select: { id: true, title: true, liveRevisionId: true },
  });
  const assessments = await assessRevisions(posts.map((post) => post.liveRevisionId!), client);
  return posts.flatMap((post) => {
    const assessment = assessments.find((item) => item.revisionId === post.liveRevisionId);
    return assessment && blockedByGate(assessment) ? [{ id: post.id, title: post.title, reasons: gateReasons(assessment) }] : [];
  });
}

export async function findPostSlug(postId: string): Promise<string | null> {
  return (await db().post.findUnique({ where: { id: postId }, select: { slug: true } }))?.slug ?? null;
}

export async function listHeldPosts() {
  return db().legalHold.findMany({ orderBy: { createdAt: "desc" }, select: { reason: true, createdAt: true, post: { select: { id: true, title: true, status: true } } } });
}

export async function findLegalReviewerState(userId: string) {
  return db().user.findUnique({ where: { id: userId }, select: { email: true, role: true, legalReviewer: true } });
}

/** Whether the post at this address is on legal hold (src/proxy.ts answers 451 then): one indexed lookup. */
export async function isPostHeldAt(slug: string): Promise<boolean> {
  return (await db().legalHold.count({ where: { post: { slug } } })) > 0;
}

// ---------- comments ----------

export type CommentToCheck = { id?: string; postId: string; authorName: string; body: string };

/**
 * Why each comment must be held rather than published, if it must: its post is linked to an active
 * case, or its name or text holds a protected term. Moderators read the reason; it names no term.
 */
export async function legalReasonsToHold(comments: CommentToCheck[]): Promise<(string | null)[]> {
  if (comments.length === 0) return [];
  const [matcher, linked] = await Promise.all([
    protectedTermMatcher(),
    db().postCaseLink.findMany({ where: { postId: { in: [...new Set(comments.map((comment) => comment.postId))] }, legalCase: { state: "ACTIVE" } }, select: { postId: true } }),
  ]);
  const underCase = new Set(linked.map((link) => link.postId));
  return comments.map((comment) => {
    if (underCase.has(comment.postId)) return "legal: the post is about an active court case";
    const matches = scanFields(matcher, [
      { field: "comment", text: comment.body },
      { field: "commenter's name", text: comment.authorName },
    ]);
    return matches.length > 0 ? `legal: a protected name or term in the ${[...new Set(matches.map((match) => match.field))].join(" and ")}` : null;
  });
}

/** The comments among these that may not be approved, with why. */
export async function findCommentsHeldForLegalReasons(commentIds: string[]): Promise<Map<string, string>> {
  const comments = await db().comment.findMany({ where: { id: { in: commentIds } }, select: { id: true, postId: true, authorName: true, body: true } });
  const reasons = await legalReasonsToHold(comments);
  return new Map(comments.flatMap((comment, index) => (reasons[index] ? [[comment.id, reasons[index]] as const] : [])));
}
