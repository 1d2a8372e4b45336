// Every step of a post's life as a command: who may run it, its input, and the work (ownership and
// state checks, the write, the audit entry, the emails). actions.ts runs them through the pipeline in
// src/lib/action.ts; tests and jobs call runCommand with an explicit user.
import "server-only";
import { z } from "zod";
import { defineCommand, parseInput } from "@/lib/action";
import type { SessionUser } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AuthorizationError, InputError, NOT_ALLOWED } from "@/lib/errors";
import { fromLondonLocal, toLondonLocal } from "@/lib/london-time";
import { renderPostMarkdown } from "@/lib/markdown";
import { markdownBodySchema } from "@/lib/markdown-limits";
import { can } from "@/lib/permissions";
import { slugify } from "@/lib/slug";
import { newPostSchema, noteSchema, postFieldsSchema, postIdSchema, restoreSchema, scheduleSchema, submissionSchema } from "./schema";
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
    await recordAudit({ actorId: actor.id, action: "post.created", entityType: "Post", entityId: post.id, details: { title } });
    return { message: "Draft created.", data: { postId: post.id }, redirectTo: `/admin/posts/${post.id}` };
  },
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
    if (saved.revisionCreated) {
      await recordAudit({ actorId: actor.id, action: "post.saved", entityType: "Post", entityId: post.id, details: { title: fields.title } });
    }
    return { message: "Saved.", tags: saved.tagsToInvalidate, data: { slug: saved.slug, savedAt: new Date().toISOString() } };
  },
});

export const submitPost = defineCommand({
  access: "posts.write",
  input: postIdSchema,
  async run({ postId }, actor) {
    const post = await loadPostFor(actor, postId, canSubmitPost);
    await assertReadyToGoOut(post.id);
    await markSubmitted(post.id);
    await recordAudit({ actorId: actor.id, action: "post.submitted", entityType: "Post", entityId: post.id });
    await notifyEditorsOfSubmission(post.id, actor.displayName ?? actor.email);
    return { message: "Submitted for review. The editors have been told; you will get an email when they respond." };
  },
});

export const publishPost = defineCommand({
  access: "posts.write",
  input: postIdSchema,
  async run({ postId }, actor) {
    const post = await loadPostFor(actor, postId, canPublishPost);
    await assertReadyToGoOut(post.id);
    const published = await markPublished(post.id);
    await recordAudit({ actorId: actor.id, action: "post.published", entityType: "Post", entityId: post.id });
    await notifyAuthorsOfDecision(post.id, "published");
    return { message: "Published.", tags: readerTagsFor([published.slug]) };
  },
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
    await recordAudit({ actorId: actor.id, action: "post.scheduled", entityType: "Post", entityId: post.id, details: { scheduledFor: when.toISOString() } });
    await notifyAuthorsOfDecision(post.id, "scheduled");
    return { message: "Scheduled.", tags: readerTagsFor([scheduled.slug]) };
  },
});

export const requestChanges = defineCommand({
  access: "posts.review",
  input: noteSchema,
  async run({ postId, body }, actor) {
    const post = await loadPostFor(actor, postId, canRequestChanges);
    const moved = await markChangesRequested(post.id, actor.id, body);
    await recordAudit({ actorId: actor.id, action: "post.changes-requested", entityType: "Post", entityId: post.id });
    await notifyAuthorsOfDecision(post.id, "changes-requested", body);
    return { message: "Changes requested. The authors have been emailed.", tags: post.status === "SCHEDULED" ? readerTagsFor([moved.slug]) : [] };
  },
});

export const addNote = defineCommand({
  access: "posts.review",
  input: noteSchema,
  async run({ postId, body }, actor) {
    const post = await loadPostFor(actor, postId, canAddNote);
    await addEditorialNote(post.id, actor.id, body);
    await recordAudit({ actorId: actor.id, action: "post.note-added", entityType: "Post", entityId: post.id });
    return { message: "Note added." };
  },
});

export const unpublishPost = defineCommand({
  access: "posts.review",
  input: postIdSchema,
  async run({ postId }, actor) {
    const post = await loadPostFor(actor, postId, canUnpublishPost);
    const moved = await markUnpublished(post.id);
    await recordAudit({ actorId: actor.id, action: "post.unpublished", entityType: "Post", entityId: post.id });
    return { message: "Unpublished: readers no longer see it.", tags: readerTagsFor([moved.slug]) };
  },
});

export const restorePostRevision = defineCommand({
  access: "posts.write",
  input: restoreSchema,
  async run({ postId, revisionId }, actor) {
    const post = await loadPostFor(actor, postId, canEditPost);
    const restored = await restoreRevision(post.id, revisionId, actor.id);
    if (!restored) throw new InputError("That revision does not belong to this post.");
    await recordAudit({ actorId: actor.id, action: "post.revision-restored", entityType: "Post", entityId: post.id, details: { revisionId } });
    return { message: "Revision restored.", tags: restored.tagsToInvalidate };
  },
});

/** The live preview: the same pipeline as the public page. */
export const previewMarkdown = defineCommand({
  access: "posts.write",
  input: z.object({ markdown: markdownBodySchema("post") }),
  async run({ markdown }) {
    const { html, readingMinutes } = renderPostMarkdown(markdown);
    return { message: "", data: { html, readingMinutes } };
  },
});
