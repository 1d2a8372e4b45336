// Every step of a post's life as a command: who may run it, its input, and the work (ownership and
// state checks, the write, the audit entry, the emails). actions.ts runs them through the pipeline in
// src/lib/action.ts; tests and jobs call runCommand with an explicit user.
import "server-only";
import { z } from "zod";
import { defineCommand, parseInput } from "@/lib/action";
import type { SessionUser } from "@/lib/auth";
import { ConflictError, AuthorizationError, InputError, NOT_ALLOWED } from "@/lib/errors";
import { formatLondonTime, fromLondonLocal, toLondonLocal } from "@/lib/london-time";
import { renderPostMarkdown } from "@/lib/markdown";
import { markdownBodySchema } from "@/lib/markdown-limits";
import { can } from "@/lib/permissions";
import { slugify } from "@/lib/slug";
import { baseRevisionSchema, newPostSchema, noteSchema, postFieldsSchema, postIdSchema, restoreSchema, scheduleSchema, submissionSchema, submitSchema, updateSchema, type PostFields } from "./schema";
import { addEditorialNote } from "./mutations";
import { withdrawPendingCorrectionsOf } from "./corrections/mutations";
import { withdrawPendingRepliesOf } from "./replies/mutations";
import { assertRepliesConsidered } from "./replies/commands";
import { confirmRepliesSchema } from "./replies/schema";
import {
  createDraftPost,
  discardWorkingCopy,
  makeRevisionLive,
  markChangesRequested,
  markPublished,
  markScheduled,
  markSubmitted,
  markUnpublished,
  restoreRevision,
  returnWorkingCopy,
  saveRevision,
  scheduleWorkingCopy,
  StaleBaseRevisionError,
  submitWorkingCopy,
  tagIdsFor,
  uniqueSlug,
  type PostSnapshot,
  type StoredRevision,
} from "./store";
import { categoryExists, countExistingProfiles, findInvitedSeriesId, findLatestRevision, findPostAccessFacts, findPostVersion, seriesExists } from "./admin/data";
import { editorVersionOf } from "./admin/editor-fields";
import { notifyAuthorsOfDecision, notifyEditorsOfSubmission } from "./notifications";
import { readSiteSettings } from "@/features/site/data";
import { requestCaseLink } from "@/features/legal/mutations";
import { imagesNotReady } from "@/lib/markdown";
import {
  canAddNote,
  canDiscardChanges,
  canEditPost,
  canPublishPost,
  canRequestChanges,
  canSchedulePost,
  canScheduleUpdate,
  canSubmitChanges,
  canSubmitPost,
  canUnpublishPost,
  canUpdatePost,
  canViewPost,
  type PostAccessFacts,
} from "./permissions";

type PostRule = (user: SessionUser, post: PostAccessFacts) => boolean;

/** The post, once the rule allows this user to act on it in its current state. */
async function loadPostFor(user: SessionUser, postId: string, allowed: PostRule) {
  const post = await findPostAccessFacts(postId);
  if (!post) throw new InputError("This post no longer exists.");
  if (!allowed(user, post)) throw new AuthorizationError("FORBIDDEN", canViewPost(user, post) ? refusalFor(user, post) : NOT_ALLOWED);
  return post;
}

function refusalFor(user: SessionUser, post: PostAccessFacts): string {
  if (post.status === "SUBMITTED" && !can(user, "posts.editAny")) return "This post is with the editors for review, so it is locked until they respond.";
  return "You are not allowed to do that to this post in its current state.";
}

/** Writers may reorder or drop co-authors, never drop themselves or add anyone: adding is an editor's call. */
function assertWriterBylineChange(actor: SessionUser, currentIds: string[], requestedIds: string[]) {
  if (!actor.profileId || !requestedIds.includes(actor.profileId)) {
    throw new InputError("You cannot remove yourself from the byline.", { coAuthorIds: "Keep yourself among the authors." });
  }
  if (requestedIds.some((id) => !currentIds.includes(id))) {
    throw new AuthorizationError("FORBIDDEN", "Only an editor can add someone to the byline.");
  }
}

async function assertChoicesExist(fields: { coAuthorIds: string[]; seriesId?: string | null; categoryId?: string | null }) {
  if (fields.coAuthorIds.length > 0 && (await countExistingProfiles(fields.coAuthorIds)) !== new Set(fields.coAuthorIds).size) {
    throw new InputError("One of the chosen authors no longer exists.", { coAuthorIds: "Choose the authors again." });
  }
  if (fields.seriesId && !(await seriesExists(fields.seriesId))) {
    throw new InputError("That series no longer exists.", { seriesId: "Choose another series." });
  }
  if (fields.categoryId && !(await categoryExists(fields.categoryId))) {
    throw new InputError("That category no longer exists.", { categoryId: "Choose another category." });
  }
}

/**
 * What a post's latest revision must have before it goes to an editor or out to readers: a title, a
 * text, and every image uploaded and described.
 */
async function assertReadyToGoOut(postId: string, going: "to the editors" | "out") {
  const latest = await findLatestRevision(postId);
  parseInput(submissionSchema, latest);
  const problem = imagesNotReady(latest.bodyMarkdown);
  if (problem) {
    const message = `Before the post goes ${going}, ${problem}.`;
    throw new InputError(message, { bodyMarkdown: message });
  }
}

/** The editor's fields as a snapshot; bylines left out of the form keep the post's own. */
async function snapshotOf(fields: PostFields, currentBylines: string[]): Promise<PostSnapshot> {
  return {
    slug: fields.slug,
    title: fields.title,
    standfirst: fields.standfirst || null,
    bodyMarkdown: fields.bodyMarkdown,
    categoryId: fields.categoryId ?? null,
    seriesId: fields.seriesId ?? null,
    seriesPosition: fields.seriesPosition,
    coverImageUrl: fields.coverImageUrl ?? null,
    coverImageAlt: fields.coverImageAlt || null,
    commentsOpen: fields.commentsOpen,
    tagIds: await tagIdsFor(fields.tags),
    authorProfileIds: fields.coAuthorIds.length > 0 ? fields.coAuthorIds : currentBylines,
  };
}

const CONFLICT_MESSAGE = "Someone else saved this post since you opened it. Both versions are shown: choose which to keep.";

/** The store's stale-base refusal as the editor's conflict: the other version travels with it. */
async function asConflict(error: unknown): Promise<never> {
  if (!(error instanceof StaleBaseRevisionError)) throw error;
  const theirs = await findPostVersion(error.latest.id);
  throw new ConflictError(CONFLICT_MESSAGE, theirs ? editorVersionOf(theirs) : null);
}

const revisionDetails = (revision: Pick<StoredRevision, "id" | "number">) => ({ revisionId: revision.id, revisionNumber: String(revision.number) });

export const createPost = defineCommand({
  access: "posts.write",
  input: newPostSchema,
  async run({ title }, actor) {
    if (!actor.profileId) throw new InputError("Complete your profile first: every post needs a byline.");
    const seriesId = actor.role === "GUEST" ? await findInvitedSeriesId(actor.email) : null;
    const { newPostsAllowComments } = await readSiteSettings();
    const post = await createDraftPost({ title, profileId: actor.profileId, userId: actor.id, seriesId, commentsOpen: newPostsAllowComments });
    return { message: "Draft created.", data: { postId: post.id }, redirectTo: `/admin/posts/${post.id}` };
  },
  audit: ({ title }, { data }) => ({ action: "post.created", entityType: "Post", entityId: data.postId, details: { title } }),
});

/**
 * The editor's save (autosave too). The fields are parsed after the ownership check, so a refusal is
 * never a field error. A published post's save becomes its working copy: no reader cache tag moves.
 */
export const savePost = defineCommand({
  access: "posts.write",
  input: z.object({ postId: postIdSchema.shape.postId }).loose(),
  async run(input, actor) {
    const post = await loadPostFor(actor, input.postId, canEditPost);
    const fields = parseInput(postFieldsSchema, input);
    const { baseRevisionId } = parseInput(baseRevisionSchema, input);
    if (fields.coAuthorIds.length > 0 && !can(actor, "posts.addBylines")) assertWriterBylineChange(actor, post.authorProfileIds, fields.coAuthorIds);
    await assertChoicesExist(fields);
    if (post.status !== "PUBLISHED" && fields.slug === slugify(fields.title)) {
      // A slug derived from the title gives way to an earlier post's, rather than blocking every autosave.
      fields.slug = await uniqueSlug(fields.slug, post.id);
    }
    const snapshot = await snapshotOf(fields, post.authorProfileIds);
    const saved = await saveRevision({ postId: post.id, snapshot, authorId: actor.id, baseRevisionId }).catch(asConflict);
    return {
      message: saved.pending ? "Saved. Readers still see the published version." : "Saved.",
      tags: saved.tagsToInvalidate,
      data: { slug: snapshot.slug, savedAt: new Date().toISOString(), revisionId: saved.revision.id, pending: saved.pending, revisionCreated: saved.created, revisionNumber: saved.revision.number, title: fields.title },
    };
  },
  audit: ({ postId }, { data }) =>
    data.revisionCreated ? { action: "post.saved", entityType: "Post", entityId: postId, details: { title: data.title, ...revisionDetails({ id: data.revisionId, number: data.revisionNumber }) } } : null,
});

export const submitPost = defineCommand({
  access: "posts.write",
  input: submitSchema,
  async run({ postId, aboutCase }, actor) {
    const post = await loadPostFor(actor, postId, canSubmitPost);
    await assertReadyToGoOut(post.id, "to the editors");
    await markSubmitted(post.id);
    if (aboutCase) await requestCaseLink(post.id, actor.id);
    await notifyEditorsOfSubmission(post.id, actor.displayName ?? actor.email);
    return { message: aboutCase ? "Submitted for review. The legal desk will link the case and review it before it goes out." : "Submitted for review. The editors have been told; you will get an email when they respond." };
  },
  audit: ({ postId, aboutCase }) => ({ action: "post.submitted", entityType: "Post", entityId: postId, ...(aboutCase ? { details: { aboutCase: "yes" } } : {}) }),
});

export const publishPost = defineCommand({
  access: "posts.write",
  input: postIdSchema.extend(confirmRepliesSchema.shape),
  async run({ postId, confirmOpenReplies }, actor) {
    const post = await loadPostFor(actor, postId, canPublishPost);
    await assertReadyToGoOut(post.id, "out");
    await assertRepliesConsidered(post.id, confirmOpenReplies);
    const published = await markPublished(post.id);
    const live = await findLatestRevision(post.id);
    await notifyAuthorsOfDecision(post.id, "published");
    return { message: "Published.", tags: published.tagsToInvalidate, data: revisionDetails(live) };
  },
  audit: ({ postId }, { data }) => ({ action: "post.published", entityType: "Post", entityId: postId, details: data }),
});

/** A London wall-clock time in the future, as an instant. */
function scheduleTimeFrom(localDateTime: string, now: Date): Date {
  const when = fromLondonLocal(localDateTime);
  if (Number.isNaN(when.getTime()) || toLondonLocal(when) !== localDateTime) {
    // 31 February, 25:00, or the hour skipped when the clocks go forward: no such moment in London.
    throw new InputError("That date and time does not exist in UK time. Choose another.", { localDateTime: "Choose a real date and time." });
  }
  if (when.getTime() <= now.getTime()) {
    throw new InputError("Choose a time in the future, or publish now.", { localDateTime: "Choose a time in the future." });
  }
  return when;
}

export const schedulePost = defineCommand({
  access: "posts.review",
  input: scheduleSchema.extend(confirmRepliesSchema.shape),
  async run({ postId, localDateTime, confirmOpenReplies }, actor) {
    const post = await loadPostFor(actor, postId, canSchedulePost);
    const when = scheduleTimeFrom(localDateTime, new Date());
    await assertReadyToGoOut(post.id, "out");
    await assertRepliesConsidered(post.id, confirmOpenReplies);
    const scheduled = await markScheduled(post.id, when);
    await notifyAuthorsOfDecision(post.id, "scheduled");
    return { message: "Scheduled.", tags: scheduled.tagsToInvalidate, data: { scheduledFor: when.toISOString() } };
  },
  audit: ({ postId }, { data }) => ({ action: "post.scheduled", entityType: "Post", entityId: postId, details: { scheduledFor: data.scheduledFor } }),
});

export const requestChanges = defineCommand({
  access: "posts.review",
  input: noteSchema,
  async run({ postId, body }, actor) {
    const post = await loadPostFor(actor, postId, canRequestChanges);
    // Changes to a published post go back to their writer; the post itself stays as readers have it.
    const tags = post.status === "PUBLISHED" ? (await returnWorkingCopy(post.id), []) : (await markChangesRequested(post.id)).tagsToInvalidate;
    await addEditorialNote(post.id, actor.id, body);
    await notifyAuthorsOfDecision(post.id, "changes-requested", body);
    return { message: "Changes requested. The authors have been emailed.", tags };
  },
  audit: ({ postId }) => ({ action: "post.changes-requested", entityType: "Post", entityId: postId }),
});

export const addNote = defineCommand({
  access: "posts.review",
  input: noteSchema,
  async run({ postId, body }, actor) {
    const post = await loadPostFor(actor, postId, canAddNote);
    await addEditorialNote(post.id, actor.id, body);
    return { message: "Note added." };
  },
  audit: ({ postId }) => ({ action: "post.note-added", entityType: "Post", entityId: postId }),
});

export const unpublishPost = defineCommand({
  access: "posts.review",
  input: postIdSchema,
  async run({ postId }, actor) {
    const post = await loadPostFor(actor, postId, canUnpublishPost);
    const moved = await markUnpublished(post.id);
    return { message: "Unpublished: readers no longer see it.", tags: moved.tagsToInvalidate };
  },
  audit: ({ postId }) => ({ action: "post.unpublished", entityType: "Post", entityId: postId }),
});

export const restorePostRevision = defineCommand({
  access: "posts.write",
  input: restoreSchema,
  async run({ postId, revisionId }, actor) {
    const post = await loadPostFor(actor, postId, canEditPost);
    const restored = await restoreRevision(post.id, revisionId, actor.id);
    if (!restored) throw new InputError("That revision does not belong to this post.");
    const message = restored.pending ? "Revision restored as a working copy: readers see the published version until the post is updated." : "Revision restored.";
    return { message, tags: restored.tagsToInvalidate };
  },
  audit: ({ postId, revisionId }) => ({ action: "post.revision-restored", entityType: "Post", entityId: postId, details: { revisionId } }),
});

/** Update: the working copy of a published post goes live, exactly the revision the editor was showing. */
export const updatePost = defineCommand({
  access: "posts.write",
  input: updateSchema,
  async run({ postId, revisionId }, actor) {
    const post = await loadPostFor(actor, postId, canUpdatePost);
    await assertReadyToGoOut(post.id, "out");
    const updated = await makeRevisionLive(post.id, revisionId).catch(asConflict);
    if (!updated.changed) return { message: "Nothing to update: readers already see this version.", data: { revisionId: updated.revisionId, live: null as Record<string, string> | null } };
    const live = await findPostVersion(updated.revisionId);
    if (post.changesSubmitted) await notifyAuthorsOfDecision(post.id, "published");
    return { message: "Updated: readers now see this version.", tags: updated.tagsToInvalidate, data: { revisionId: updated.revisionId, live: live ? revisionDetails(live) : { revisionId } } };
  },
  audit: ({ postId }, { data }) => (data.live ? { action: "post.updated", entityType: "Post", entityId: postId, details: data.live } : null),
});

/** Discard changes: a published post's working copy goes; readers never saw it. */
export const discardPostChanges = defineCommand({
  access: "posts.write",
  input: postIdSchema,
  async run({ postId }, actor) {
    const post = await loadPostFor(actor, postId, canDiscardChanges);
    const discarded = await discardWorkingCopy(post.id, actor.id);
    const withdrawn = (await withdrawPendingCorrectionsOf(post.id)) + (await withdrawPendingRepliesOf(post.id));
    const anything = discarded.discarded || withdrawn > 0;
    return {
      message: anything ? "Changes discarded: the editor shows the published version again." : "There were no changes to discard.",
      data: { revisionId: discarded.revisionId, discarded: anything },
    };
  },
  audit: ({ postId }, { data }) => (data.discarded ? { action: "post.changes-discarded", entityType: "Post", entityId: postId } : null),
});

/** A writer who may not publish sends a published post's changes to the editors. */
export const submitPostChanges = defineCommand({
  access: "posts.write",
  input: postIdSchema,
  async run({ postId }, actor) {
    const post = await loadPostFor(actor, postId, canSubmitChanges);
    await assertReadyToGoOut(post.id, "to the editors");
    if (!(await submitWorkingCopy(post.id))) throw new InputError("There are no changes to submit: the post is as readers see it.");
    await notifyEditorsOfSubmission(post.id, actor.displayName ?? actor.email);
    return { message: "Changes submitted for review. Readers see the published version until an editor updates it." };
  },
  audit: ({ postId }) => ({ action: "post.changes-submitted", entityType: "Post", entityId: postId }),
});

/** An editor schedules a published post's working copy to go live later (the worker applies it). */
export const schedulePostUpdate = defineCommand({
  access: "posts.review",
  input: scheduleSchema,
  async run({ postId, localDateTime }, actor) {
    const post = await loadPostFor(actor, postId, canScheduleUpdate);
    const when = scheduleTimeFrom(localDateTime, new Date());
    await assertReadyToGoOut(post.id, "out");
    const scheduled = await scheduleWorkingCopy(post.id, when);
    if (!scheduled.scheduled) throw new InputError("There are no changes to schedule: the post is as readers see it.");
    return {
      message: `Update scheduled for ${formatLondonTime(when)} (UK time): readers see the published version until then.`,
      data: { scheduledFor: when.toISOString(), revisionId: scheduled.revisionId },
    };
  },
  audit: ({ postId }, { data }) => ({ action: "post.update-scheduled", entityType: "Post", entityId: postId, details: data }),
});

/** The live preview: the same pipeline as the public page. */
export const previewMarkdown = defineCommand({
  access: "posts.write",
  // Renders text, writes nothing.
  transaction: false,
  input: z.object({ markdown: markdownBodySchema("post") }),
  async run({ markdown }) {
    const { html, readingMinutes } = renderPostMarkdown(markdown);
    return { message: "", data: { html, readingMinutes } };
  },
});
