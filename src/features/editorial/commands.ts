// Every editorial operation as `xxxFor(user, input)`: the server-side authorization check, the input
// check, the write, the audit entry and the emails. Server actions (posts/actions.ts) only add the
// session lookup and cache invalidation, so these are what the authorization tests call.
import { z } from "zod";
import { assertRole, AuthorizationError, EDITOR_ROLES, type SessionUser } from "@/lib/auth";
import { renderPostMarkdown } from "@/lib/markdown";
import {
  noteSchema,
  postFieldsSchema,
  postIdSchema,
  newPostSchema,
  reorderSeriesSchema,
  restoreSchema,
  scheduleSchema,
  submissionSchema,
  BODY_MAX,
} from "@/features/posts/schema";
import { slugify } from "@/features/posts/slugify";
import {
  addEditorialNote,
  createDraftPost,
  markChangesRequested,
  markPublished,
  markScheduled,
  markSubmitted,
  markUnpublished,
  readerTagsFor,
  reorderSeriesPosts,
  restoreRevision,
  savePostContent,
  uniqueSlug,
} from "@/features/posts/mutations";
import { InputError, parseInput } from "./command-errors";
import { categoryExists, countExistingProfiles, findInvitedSeriesId, findPostAccessFacts, findPostForEditing, seriesExists } from "./data";
import { recordAudit } from "./mutations";
import { notifyAuthorsOfDecision, notifyEditorsOfSubmission } from "./notifications";
import {
  canEditPost,
  canPublishPost,
  canRequestChanges,
  canSchedulePost,
  canSubmitPost,
  canUnpublishPost,
  canViewPost,
  isEditor,
  type PostAccessFacts,
} from "./permissions";
import { fromLondonLocal, toLondonLocal } from "./london-time";

export type CommandResult = { tagsToInvalidate: string[]; message: string };

async function loadPostFor(user: SessionUser, postId: unknown, allowed: (user: SessionUser, post: PostAccessFacts) => boolean) {
  const { postId: id } = parseInput(postIdSchema, { postId });
  const post = await findPostAccessFacts(id);
  if (!post) throw new InputError("This post no longer exists.");
  if (!allowed(user, post)) {
    throw new AuthorizationError("FORBIDDEN", canViewPost(user, post) ? actionRefusal(user, post) : "You are not allowed to do that.");
  }
  return post;
}

function actionRefusal(user: SessionUser, post: PostAccessFacts): string {
  if (post.status === "SUBMITTED" && !isEditor(user)) return "This post is with the editors for review, so it is locked until they respond.";
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

function displayNameOf(user: SessionUser): string {
  return user.displayName ?? user.email;
}

export async function createPostFor(user: SessionUser | null, input: unknown): Promise<{ postId: string }> {
  const actor = assertRole(user);
  const { title } = parseInput(newPostSchema, input);
  if (!actor.profileId) throw new InputError("Complete your profile first: every post needs a byline.");
  const seriesId = actor.role === "GUEST" ? await findInvitedSeriesId(actor.email) : null;
  const post = await createDraftPost({ title, profileId: actor.profileId, userId: actor.id, seriesId });
  await recordAudit({ actorId: actor.id, action: "post.created", entityType: "Post", entityId: post.id, details: { title } });
  return { postId: post.id };
}

const saveInputSchema = z.object({ postId: z.string() }).loose();

export async function savePostFor(user: SessionUser | null, input: unknown): Promise<CommandResult & { slug: string }> {
  const actor = assertRole(user);
  const { postId } = parseInput(saveInputSchema, input);
  const post = await loadPostFor(actor, postId, canEditPost);
  const fields = parseInput(postFieldsSchema, input);
  if (fields.coAuthorIds.length > 0) {
    if (!isEditor(actor)) assertWriterBylineChange(actor, post.authorProfileIds, fields.coAuthorIds);
    if ((await countExistingProfiles(fields.coAuthorIds)) !== new Set(fields.coAuthorIds).size) {
      throw new InputError("One of the chosen authors no longer exists.", { coAuthorIds: "Choose the authors again." });
    }
  }
  if (fields.seriesId && !(await seriesExists(fields.seriesId))) {
    throw new InputError("That series no longer exists.", { seriesId: "Choose another series." });
  }
  if (fields.categoryId && !(await categoryExists(fields.categoryId))) {
    throw new InputError("That category no longer exists.", { categoryId: "Choose another category." });
  }
  if (post.status !== "PUBLISHED" && fields.slug === slugify(fields.title)) {
    // A slug derived from the title gives way to an earlier post's, rather than blocking every autosave.
    fields.slug = await uniqueSlug(fields.slug, post.id);
  }
  const saved = await savePostContent(post.id, fields, actor.id);
  if (saved.revisionCreated) {
    await recordAudit({ actorId: actor.id, action: "post.saved", entityType: "Post", entityId: post.id, details: { title: fields.title } });
  }
  return { tagsToInvalidate: saved.tagsToInvalidate, slug: saved.slug, message: "Saved." };
}

export async function submitPostFor(user: SessionUser | null, input: { postId: unknown }): Promise<CommandResult> {
  const actor = assertRole(user);
  const post = await loadPostFor(actor, input.postId, canSubmitPost);
  const stored = await findPostForEditing(post.id);
  parseInput(submissionSchema, stored);
  await markSubmitted(post.id);
  await recordAudit({ actorId: actor.id, action: "post.submitted", entityType: "Post", entityId: post.id });
  await notifyEditorsOfSubmission(post.id, displayNameOf(actor));
  return { tagsToInvalidate: [], message: "Submitted for review. The editors have been told; you will get an email when they respond." };
}

export async function publishPostFor(user: SessionUser | null, input: { postId: unknown }): Promise<CommandResult> {
  const actor = assertRole(user);
  const post = await loadPostFor(actor, input.postId, canPublishPost);
  parseInput(submissionSchema, await findPostForEditing(post.id));
  const published = await markPublished(post.id);
  await recordAudit({ actorId: actor.id, action: "post.published", entityType: "Post", entityId: post.id });
  await notifyAuthorsOfDecision(post.id, "published");
  return { tagsToInvalidate: readerTagsFor([published.slug]), message: "Published." };
}

export async function schedulePostFor(user: SessionUser | null, input: { postId: unknown; localDateTime: unknown }, now = new Date()): Promise<CommandResult> {
  const actor = assertRole(user, EDITOR_ROLES);
  const post = await loadPostFor(actor, input.postId, canSchedulePost);
  const { localDateTime } = parseInput(scheduleSchema, input);
  const when = fromLondonLocal(localDateTime);
  if (Number.isNaN(when.getTime()) || toLondonLocal(when) !== localDateTime) {
    // 31 February, 25:00, or the hour skipped when the clocks go forward: no such moment in London.
    throw new InputError("That date and time does not exist in UK time. Choose another.", { localDateTime: "Choose a real date and time." });
  }
  if (when.getTime() <= now.getTime()) {
    throw new InputError("Choose a time in the future, or publish now.", { localDateTime: "Choose a time in the future." });
  }
  parseInput(submissionSchema, await findPostForEditing(post.id));
  const scheduled = await markScheduled(post.id, when);
  await recordAudit({ actorId: actor.id, action: "post.scheduled", entityType: "Post", entityId: post.id, details: { scheduledFor: when.toISOString() } });
  await notifyAuthorsOfDecision(post.id, "scheduled");
  return { tagsToInvalidate: readerTagsFor([scheduled.slug]), message: "Scheduled." };
}

export async function requestChangesFor(user: SessionUser | null, input: { postId: unknown; body: unknown }): Promise<CommandResult> {
  const actor = assertRole(user, EDITOR_ROLES);
  const post = await loadPostFor(actor, input.postId, canRequestChanges);
  const { body } = parseInput(noteSchema, input);
  const moved = await markChangesRequested(post.id, actor.id, body);
  await recordAudit({ actorId: actor.id, action: "post.changes-requested", entityType: "Post", entityId: post.id });
  await notifyAuthorsOfDecision(post.id, "changes-requested", body);
  return { tagsToInvalidate: post.status === "SCHEDULED" ? readerTagsFor([moved.slug]) : [], message: "Changes requested. The authors have been emailed." };
}

export async function addNoteFor(user: SessionUser | null, input: { postId: unknown; body: unknown }): Promise<CommandResult> {
  const actor = assertRole(user, EDITOR_ROLES);
  const post = await loadPostFor(actor, input.postId, isEditor);
  const { body } = parseInput(noteSchema, input);
  await addEditorialNote(post.id, actor.id, body);
  await recordAudit({ actorId: actor.id, action: "post.note-added", entityType: "Post", entityId: post.id });
  return { tagsToInvalidate: [], message: "Note added." };
}

export async function unpublishPostFor(user: SessionUser | null, input: { postId: unknown }): Promise<CommandResult> {
  const actor = assertRole(user, EDITOR_ROLES);
  const post = await loadPostFor(actor, input.postId, canUnpublishPost);
  const moved = await markUnpublished(post.id);
  await recordAudit({ actorId: actor.id, action: "post.unpublished", entityType: "Post", entityId: post.id });
  return { tagsToInvalidate: readerTagsFor([moved.slug]), message: "Unpublished: readers no longer see it." };
}

export async function restoreRevisionFor(user: SessionUser | null, input: { postId: unknown; revisionId: unknown }): Promise<CommandResult> {
  const actor = assertRole(user);
  const post = await loadPostFor(actor, input.postId, canEditPost);
  const { revisionId } = parseInput(restoreSchema, input);
  const restored = await restoreRevision(post.id, revisionId, actor.id);
  if (!restored) throw new InputError("That revision does not belong to this post.");
  await recordAudit({ actorId: actor.id, action: "post.revision-restored", entityType: "Post", entityId: post.id, details: { revisionId } });
  return { tagsToInvalidate: restored.tagsToInvalidate, message: "Revision restored." };
}

export async function reorderSeriesFor(user: SessionUser | null, input: unknown): Promise<CommandResult> {
  const actor = assertRole(user, EDITOR_ROLES);
  const { seriesId, postIds } = parseInput(reorderSeriesSchema, input);
  if (!(await seriesExists(seriesId))) throw new InputError("That series no longer exists.");
  const reordered = await reorderSeriesPosts(seriesId, postIds);
  await recordAudit({ actorId: actor.id, action: "series.reordered", entityType: "Series", entityId: seriesId, details: { postIds } });
  return { tagsToInvalidate: reordered.tagsToInvalidate, message: "Series order saved." };
}

const previewSchema = z.object({ markdown: z.string().max(BODY_MAX, "The text is too long to preview.") });

/** The live preview: the same pipeline as the public page. */
export async function previewMarkdownFor(user: SessionUser | null, input: unknown): Promise<{ html: string; readingMinutes: number }> {
  assertRole(user);
  const { markdown } = parseInput(previewSchema, input);
  const rendered = renderPostMarkdown(markdown);
  return { html: rendered.html, readingMinutes: rendered.readingMinutes };
}
