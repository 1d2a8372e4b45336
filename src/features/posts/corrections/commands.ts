// Corrections and clarifications as commands. One is added to the post's working copy and reaches
// readers with the Update that makes that revision live (posts/commands.ts updatePost), like any other
// change to a published post.
import "server-only";
import { defineCommand } from "@/lib/action";
import { AuthorizationError, InputError, NOT_ALLOWED } from "@/lib/errors";
import { findPostAccessFacts } from "../admin/data";
import { canCorrectPost } from "../permissions";
import { workingRevisionOf } from "../store";
import { addCorrection, withdrawPendingCorrection } from "./mutations";
import { correctionSchema, withdrawCorrectionSchema } from "./schema";

export const addPostCorrection = defineCommand({
  access: "posts.review",
  input: correctionSchema,
  async run({ postId, kind, text }, actor) {
    const post = await findPostAccessFacts(postId);
    if (!post) throw new InputError("This post no longer exists.");
    if (!canCorrectPost(actor, post)) throw new AuthorizationError("FORBIDDEN", post.status === "PUBLISHED" ? NOT_ALLOWED : "Only a published post can be corrected: edit the text instead.");
    const revision = await workingRevisionOf(post.id, actor.id);
    const correction = await addCorrection({ postId: post.id, revisionId: revision.id, kind, text });
    const what = kind === "CORRECTION" ? "Correction" : "Clarification";
    return {
      message: `${what} added to the working copy. Readers see it once you press Update.`,
      data: { correctionId: correction.id, revisionId: revision.id, revisionNumber: String(revision.number) },
    };
  },
  audit: ({ postId, kind }, { data }) => ({ action: "post.correction-added", entityType: "Post", entityId: postId, details: { kind, ...data } }),
});

export const withdrawPostCorrection = defineCommand({
  access: "posts.review",
  input: withdrawCorrectionSchema,
  async run({ correctionId }) {
    const withdrawn = await withdrawPendingCorrection(correctionId);
    if (!withdrawn) throw new InputError("That correction is already public, or gone: a public correction stays.");
    return { message: "Correction withdrawn: readers never saw it.", data: withdrawn };
  },
  audit: ({ correctionId }, { data }) => ({ action: "post.correction-withdrawn", entityType: "Post", entityId: data.postId, details: { correctionId } }),
});
