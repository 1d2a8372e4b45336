// Every step of a post's life as a command: who may run it, its input, and the work (ownership and
// state checks, the write, the audit entry, the emails). actions.ts runs them through the pipeline in
// src/lib/action.ts; tests and jobs call runCommand with an explicit user.
import "server-only";
import { z } from "zod";
import { defineCommand, parseInput } from "@/lib/action";
import type { SessionUser } from "@/lib/auth";
import { AuthorizationError, InputError, NOT_ALLOWED } from "@/lib/errors";
import { fromLondonLocal, toLondonLocal } from "@/lib/london-time";
import { renderPostMarkdown } from "@/lib/markdown";
import { can } from "@/lib/permissions";
import { slugify } from "@/lib/slug";
import { BODY_MAX, newPostSchema, noteSchema, postFieldsSchema, postIdSchema, restoreSchema, scheduleSchema, submissionSchema } from "./schema";
import {
  addEditorialNote,
  createDraftPost,
  markChangesRequested,
  markPublished,
  markScheduled,
  markSubmitted,
  markUnpublished,
  readerTagsFor,
  restoreRevision,
  savePostContent,
  uniqueSlug,
} from "./mutations";
import { categoryExists, countExistingProfiles, findInvitedSeriesId, findPostAccessFacts, findPostForEditing, seriesExists } from "./admin/data";
import { notifyAuthorsOfDecision, notifyEditorsOfSubmission } from "./notifications";
import { readSiteSettings } from "@/features/site/data";
import {
  canAddNote,
  canEditPost,
  canPublishPost,
  canRequestChanges,
  canSchedulePost,
  canSubmitPost,
  canUnpublishPost,
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

/** What a post must have before it goes to an editor or out to readers. */
async function assertReadyToGoOut(postId: string) {
  parseInput(submissionSchema, await findPostForEditing(postId));
}

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

/** The editor's fields are parsed after the ownership check, so a refusal is never a field error. */
export const savePost = defineCommand({
  access: "posts.write",
  input: z.object({ postId: postIdSchema.shape.postId }).loose(),
  async run(input, actor) {
    const post = await loadPostFor(actor, input.postId, canEditPost);
    const fields = parseInput(postFieldsSchema, input);
    if (fields.coAuthorIds.length > 0 && !can(actor, "posts.addBylines")) assertWriterBylineChange(actor, post.authorProfileIds, fields.coAuthorIds);
    await assertChoicesExist(fields);
    if (post.status !== "PUBLISHED" && fields.slug === slugify(fields.title)) {
      // A slug derived from the title gives way to an earlier post's, rather than blocking every autosave.
      fields.slug = await uniqueSlug(fields.slug, post.id);
    }
    const saved = await savePostContent(post.id, fields, actor.id);
    return {
      message: "Saved.",
      tags: saved.tagsToInvalidate,
      data: { slug: saved.slug, savedAt: new Date().toISOString(), revisionCreated: saved.revisionCreated, title: fields.title },
    };
  },
  audit: ({ postId }, { data }) => (data.revisionCreated ? { action: "post.saved", entityType: "Post", entityId: postId, details: { title: data.title } } : null),
});

export const submitPost = defineCommand({
  access: "posts.write",
  input: postIdSchema,
  async run({ postId }, actor) {
    const post = await loadPostFor(actor, postId, canSubmitPost);
    await assertReadyToGoOut(post.id);
    await markSubmitted(post.id);
    await notifyEditorsOfSubmission(post.id, actor.displayName ?? actor.email);
    return { message: "Submitted for review. The editors have been told; you will get an email when they respond." };
  },
  audit: ({ postId }) => ({ action: "post.submitted", entityType: "Post", entityId: postId }),
});

export const publishPost = defineCommand({
  access: "posts.write",
  input: postIdSchema,
  async run({ postId }, actor) {
    const post = await loadPostFor(actor, postId, canPublishPost);
    await assertReadyToGoOut(post.id);
    const published = await markPublished(post.id);
    await notifyAuthorsOfDecision(post.id, "published");
    return { message: "Published.", tags: readerTagsFor([published.slug]) };
  },
  audit: ({ postId }) => ({ action: "post.published", entityType: "Post", entityId: postId }),
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
  input: scheduleSchema,
  async run({ postId, localDateTime }, actor) {
    const post = await loadPostFor(actor, postId, canSchedulePost);
    const when = scheduleTimeFrom(localDateTime, new Date());
    await assertReadyToGoOut(post.id);
    const scheduled = await markScheduled(post.id, when);
    await notifyAuthorsOfDecision(post.id, "scheduled");
    return { message: "Scheduled.", tags: readerTagsFor([scheduled.slug]), data: { scheduledFor: when.toISOString() } };
  },
  audit: ({ postId }, { data }) => ({ action: "post.scheduled", entityType: "Post", entityId: postId, details: { scheduledFor: data.scheduledFor } }),
});

export const requestChanges = defineCommand({
  access: "posts.review",
  input: noteSchema,
  async run({ postId, body }, actor) {
    const post = await loadPostFor(actor, postId, canRequestChanges);
    const moved = await markChangesRequested(post.id, actor.id, body);
    await notifyAuthorsOfDecision(post.id, "changes-requested", body);
    return { message: "Changes requested. The authors have been emailed.", tags: post.status === "SCHEDULED" ? readerTagsFor([moved.slug]) : [] };
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
    return { message: "Unpublished: readers no longer see it.", tags: readerTagsFor([moved.slug]) };
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
    return { message: "Revision restored.", tags: restored.tagsToInvalidate };
  },
  audit: ({ postId, revisionId }) => ({ action: "post.revision-restored", entityType: "Post", entityId: postId, details: { revisionId } }),
});

/** The live preview: the same pipeline as the public page. */
export const previewMarkdown = defineCommand({
  access: "posts.write",
  // Renders text, writes nothing.
  transaction: false,
  input: z.object({ markdown: z.string().max(BODY_MAX, "The text is too long to preview.") }),
  async run({ markdown }) {
    const { html, readingMinutes } = renderPostMarkdown(markdown);
    return { message: "", data: { html, readingMinutes } };
  },
});
