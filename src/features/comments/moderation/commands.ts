// Moderation as commands (src/lib/action.ts), for editors: approve, hold, spam, trash and restore
// comments, edit them, reply, erase a commenter, and tune the rules.
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { UserFacingError } from "@/lib/errors";
import { tags } from "@/lib/cache-tags";
import type { CommentStatus } from "@/generated/prisma/enums";
import { findReplyParent } from "../data";
import { findCommentsHeldForLegalReasons, legalReasonsToHold } from "@/features/legal/data";
import {
  CommentGoneError,
  deleteCommentsByAddress,
  erasedAddressKey,
  insertComment,
  publicTagsFor,
  setCommentsStatus,
  storeCommentSettings,
  updateCommentText,
} from "../mutations";
import { notifyAboutApprovedComments } from "../notifications";
import {
  commentIdsSchema,
  commentSettingsChangesSchema,
  editCommentSchema,
  editorReplySchema,
  eraseCommenterSchema,
  moderationActionSchema,
  settingsFormSchema,
  type CommentSettings,
  type ModerationAction,
} from "../schema";

const statusForAction: Record<ModerationAction, CommentStatus> = {
  approve: "APPROVED",
  unapprove: "PENDING",
  spam: "SPAM",
  trash: "TRASH",
  restore: "PENDING",
};

const doneForAction: Record<ModerationAction, string> = {
  approve: "approved",
  unapprove: "moved back to pending",
  spam: "marked as spam",
  trash: "moved to the trash",
  restore: "restored to pending",
};

const plural = (count: number) => `${count} comment${count === 1 ? "" : "s"}`;

/** The audit log's name for each moderation action. */
const auditActionFor: Record<ModerationAction, string> = {
  approve: "comment.approved",
  unapprove: "comment.unapproved",
  spam: "comment.marked-spam",
  trash: "comment.trashed",
  restore: "comment.restored",
};

/** Moves comments to the status the action names; authors and repliers are emailed about approvals. */
export const moderateComments = defineCommand({
  access: "comments.moderate",
  input: z.object({ ids: commentIdsSchema, action: moderationActionSchema }),
  async run({ ids, action }) {
    const status = statusForAction[action];
    // The legal desk's rule: a comment on a post about an active case, or holding a protected term, is never approved, one by one or in bulk.
    const heldBack = status === "APPROVED" ? await findCommentsHeldForLegalReasons(ids) : new Map<string, string>();
    const moved = await setCommentsStatus(ids.filter((id) => !heldBack.has(id)), status, new Date());
    if (status === "APPROVED" && moved.length > 0) await notifyAboutApprovedComments(moved.map((comment) => comment.id));
    const publicChange = moved.filter((comment) => comment.status === "APPROVED" || status === "APPROVED");
    const legalNote = heldBack.size > 0 ? ` ${plural(heldBack.size)} stayed held for legal reasons (${[...new Set(heldBack.values())].join("; ")}): edit out what the legal desk protects, or leave ${heldBack.size === 1 ? "it" : "them"} unpublished.` : "";
    return {
      message: `${plural(moved.length)} ${doneForAction[action]}.${legalNote}`,
      tags: publicChange.length > 0 ? publicTagsFor(publicChange.map((comment) => comment.post)) : [],
      data: { changed: moved.length, moved: moved.map((comment) => ({ id: comment.id, from: comment.status })) },
    };
  },
  audit: ({ action }, { data }) =>
    data.moved.map((comment) => ({ action: auditActionFor[action], entityType: "Comment" as const, entityId: comment.id, details: { from: comment.from } })),
});

export const editComment = defineCommand({
  access: "comments.moderate",
  input: editCommentSchema,
  async run(input) {
    const comment = await updateCommentText(input);
    return { message: "Comment saved.", tags: comment.status === "APPROVED" ? publicTagsFor([comment.post]) : [] };
  },
  audit: ({ commentId }) => ({ action: "comment.edited", entityType: "Comment", entityId: commentId }),
});

/** An editor's reply, published at once; replying to a held comment approves it too. */
export const replyAsEditor = defineCommand({
  access: "comments.moderate",
  input: editorReplySchema,
  async run({ parentId, body }, editor) {
    const now = new Date();
    const parent = await findReplyParent(parentId);
    if (!parent) throw new CommentGoneError();
    const approvesParent = parent.status !== "APPROVED";
    const parentReason = approvesParent ? (await findCommentsHeldForLegalReasons([parent.id])).get(parent.id) : null;
    const [replyReason] = await legalReasonsToHold([{ postId: parent.postId, authorName: editor.displayName ?? "Editor", body }]);
    if (parentReason || replyReason) throw new UserFacingError(`This cannot be published: ${parentReason ?? replyReason}. Moderate the comment instead.`);
    if (approvesParent) {
      await setCommentsStatus([parent.id], "APPROVED", now);
      await notifyAboutApprovedComments([parent.id]);
    }
    const reply = await insertComment({
      postId: parent.postId,
      parentId: parent.id,
      authorName: editor.displayName ?? "Editor",
      authorEmail: editor.email,
      authorUrl: null,
      userId: editor.id,
      body,
      status: "APPROVED",
      heldReason: null,
      ipHash: null,
      notifyReplies: false,
      now,
    });
    await notifyAboutApprovedComments([reply.id]);
    return { message: "Reply published.", tags: publicTagsFor([parent.post]), data: { commentId: reply.id, approvedParent: approvesParent ? parent.id : null } };
  },
  audit: (_input, { data }) => [
    ...(data.approvedParent ? [{ action: "comment.approved", entityType: "Comment" as const, entityId: data.approvedParent, details: { byReply: true } }] : []),
    { action: "comment.replied", entityType: "Comment", entityId: data.commentId },
  ],
});

/** Privacy request: deletes every comment written with this email address, and records that it was done. */
export const eraseCommenter = defineCommand({
  access: "comments.moderate",
  input: eraseCommenterSchema,
  async run({ email }) {
    const address = email.trim().toLowerCase();
    const { deleted, comments } = await deleteCommentsByAddress(address);
    const published = comments.filter((comment) => comment.status === "APPROVED").map((comment) => comment.post);
    return {
      message: `Erased ${plural(deleted)} written with that address.`,
      tags: published.length > 0 ? publicTagsFor(published) : [],
      data: { changed: deleted },
    };
  },
  audit: ({ email }, { data }) => ({
    action: "comments.erase-commenter",
    entityType: "Commenter",
    entityId: erasedAddressKey(email.trim().toLowerCase()),
    details: { deletedComments: data.changed },
  }),
});

function saveSettingsFrom<Input extends Partial<CommentSettings>>(input: z.ZodType<Input>) {
  return defineCommand({
    access: "comments.moderate",
    input,
    async run(changes) {
      const saved = await storeCommentSettings(changes);
      return { message: "Comment settings saved.", tags: [tags.commentSettings], data: saved };
    },
    audit: () => ({ action: "comments.settings-saved", entityType: "Settings", entityId: "comments" }),
  });
}

/** Changes some of the rules. */
export const saveCommentSettings = saveSettingsFrom(commentSettingsChangesSchema);

/** The rules form: lists one entry per line, numbers as typed. */
export const saveCommentSettingsForm = saveSettingsFrom(settingsFormSchema);
