// The legal desk's operations as commands (src/lib/action.ts): cases, links to cases, clearances and holds.
// Each declares its audit entry: who linked, cleared, overrode or held what, and why.
import "server-only";
import { defineCommand } from "@/lib/action";
import { tags } from "@/lib/cache-tags";
import { InputError } from "@/lib/errors";
import { assessRevision, caseExists, findLegalReviewerState, findPostSlug, needsClearance } from "./data";
import { holdPost, linkPostToCase, liftHold, recordClearance, saveCase, setLegalReviewer, unlinkPostFromCase } from "./mutations";
import { caseFormSchema, caseLinkSchema, clearanceSchema, holdSchema, legalReviewerSchema, liftHoldSchema } from "./schema";

/** A held or released post leaves or comes back to every reader surface at once. */
const everyReaderSurface = (slug: string) => [tags.site, tags.posts, tags.post(slug), tags.allSeries, tags.authors, tags.categories, tags.postTags, tags.redirects];

async function slugOf(postId: string): Promise<string> {
  const slug = await findPostSlug(postId);
  if (slug === null) throw new InputError("This post no longer exists.");
  return slug;
}

export const saveLegalCase = defineCommand({
  access: "legal.cases",
  input: caseFormSchema,
  async run(form) {
    if (form.caseId && !(await caseExists(form.caseId))) throw new InputError("This case no longer exists.");
    const saved = await saveCase(form);
    // Terms changed: every reader page may now hold one, but nothing leaves without a hold. The gate reads them afresh.
    return { message: saved.created ? "Case created." : "Case saved.", data: { caseId: saved.id, created: saved.created, name: form.name }, redirectTo: `/admin/legal/${saved.id}` };
  },
  audit: (_input, { data }) => ({ action: data.created ? "legal.case-created" : "legal.case-saved", entityType: "LegalCase", entityId: data.caseId }),
});

export const linkPostToLegalCase = defineCommand({
  access: "legal.cases",
  input: caseLinkSchema,
  async run({ postId, caseId }, actor) {
    await slugOf(postId);
    if (!(await caseExists(caseId))) throw new InputError("That case no longer exists.", { caseId: "Choose another case." });
    const linked = await linkPostToCase(postId, caseId, actor.id);
    return { message: linked ? "Linked to the case: a legal reviewer must clear each version before it goes out." : "The post was already linked to that case.", data: { linked } };
  },
  audit: ({ postId, caseId }, { data }) => (data.linked ? { action: "legal.case-linked", entityType: "Post", entityId: postId, details: { caseId } } : null),
});

export const unlinkPostFromLegalCase = defineCommand({
  access: "legal.cases",
  input: caseLinkSchema,
  async run({ postId, caseId }) {
    const unlinked = await unlinkPostFromCase(postId, caseId);
    return { message: unlinked ? "No longer linked to the case." : "The post was not linked to that case.", data: { unlinked } };
  },
  audit: ({ postId, caseId }, { data }) => (data.unlinked ? { action: "legal.case-unlinked", entityType: "Post", entityId: postId, details: { caseId } } : null),
});

/**
 * A legal reviewer clears exactly this revision to go live. Clearing a version the scan matched is an
 * override of those matches: the note is its reason, and the matches are kept with it.
 */
export const clearRevision = defineCommand({
  access: "legal.review",
  input: clearanceSchema,
  async run({ postId, revisionId, note }, actor) {
    const assessment = await assessRevision(revisionId).catch(() => null);
    if (!assessment || assessment.postId !== postId) throw new InputError("That version does not belong to this post.");
    const overridden = assessment.matches.map(({ term, field, excerpt }) => ({ term, field, excerpt }));
    await recordClearance({ postId, revisionId, reviewerId: actor.id, note, overridden });
    return {
      message: `Version ${assessment.revisionNumber} is cleared to go out. Any later change needs a new clearance.`,
      data: { revisionNumber: assessment.revisionNumber, overrides: overridden.length, needed: needsClearance(assessment) },
    };
  },
  audit: ({ postId, revisionId, note }, { data }) => ({
    action: data.overrides > 0 ? "legal.scan-overridden" : "legal.revision-cleared",
    entityType: "Post",
    entityId: postId,
    details: { revisionId, revisionNumber: String(data.revisionNumber), note, overriddenMatches: String(data.overrides) },
  }),
});

export const holdPostForLegalReasons = defineCommand({
  access: "legal.cases",
  input: holdSchema,
  async run({ postId, reason }, actor) {
    const slug = await slugOf(postId);
    const held = await holdPost(postId, reason, actor.id);
    return { message: held ? "On hold: readers no longer see this post anywhere." : "The post is already on hold.", tags: held ? everyReaderSurface(slug) : [], data: { held } };
  },
  audit: ({ postId, reason }, { data }) => (data.held ? { action: "legal.hold-placed", entityType: "Post", entityId: postId, details: { reason } } : null),
});

export const liftLegalHold = defineCommand({
  access: "legal.cases",
  input: liftHoldSchema,
  async run({ postId }) {
    const slug = await slugOf(postId);
    const lifted = await liftHold(postId);
    return { message: lifted ? "Hold lifted: readers see the post as it was." : "The post was not on hold.", tags: lifted ? everyReaderSurface(slug) : [], data: { lifted } };
  },
  audit: ({ postId, reason }, { data }) => (data.lifted ? { action: "legal.hold-lifted", entityType: "Post", entityId: postId, details: { reason } } : null),
});

/** An admin marks an editor as a legal reviewer (or not): it applies from their next click, as a role change does. */
export const markLegalReviewer = defineCommand({
  access: "users.manage",
  input: legalReviewerSchema,
  async run({ userId, legalReviewer }) {
    const login = await findLegalReviewerState(userId);
    if (!login) throw new InputError("That login no longer exists.");
    if (login.role !== "EDITOR") throw new InputError("Only editors are marked as legal reviewers: admins always are one, and other roles cannot be.");
    if (login.legalReviewer === legalReviewer) return { message: "Nothing changed.", data: { changed: false } };
    await setLegalReviewer(userId, legalReviewer);
    return { message: legalReviewer ? `${login.email} is now a legal reviewer.` : `${login.email} is no longer a legal reviewer.`, data: { changed: true } };
  },
  audit: ({ userId, legalReviewer }, { data }) => (data.changed ? { action: legalReviewer ? "legal.reviewer-marked" : "legal.reviewer-unmarked", entityType: "User", entityId: userId } : null),
});
