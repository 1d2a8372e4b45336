// Right of reply as commands: an editor records the request (who, when, how, the deadline), then the
// response, and may publish it ("Response from …" under the post), which goes out like a correction:
// with the Update of a published post, or when a post in review is published.
import "server-only";
import { defineCommand } from "@/lib/action";
import { InputError } from "@/lib/errors";
import { formatUkDate, fromLondonLocal, toLondonLocal } from "@/lib/london-time";
import { findLatestRevision, findPostAccessFacts } from "../admin/data";
import { workingRevisionOf } from "../store";
import { findReplyRequest, listOpenReplyRequests } from "./data";
import { addReplyRequest, markReplyForPublication, recordReplyResponse } from "./mutations";
import { replyRequestIdSchema, replyRequestSchema, replyResponseSchema } from "./schema";

/** The start of a UK calendar day, or a field error when there is no such day. */
function ukDay(date: string, field: string, endOfDay = false): Date {
  const local = `${date}T${endOfDay ? "23:59" : "00:00"}`;
  const when = fromLondonLocal(local);
  if (Number.isNaN(when.getTime()) || toLondonLocal(when) !== local) throw new InputError("That date does not exist.", { [field]: "Choose a real date." });
  return when;
}

async function requirePost(postId: string) {
  const post = await findPostAccessFacts(postId);
  if (!post) throw new InputError("This post no longer exists.");
  return post;
}

export const recordReplyRequest = defineCommand({
  access: "posts.review",
  input: replyRequestSchema,
  async run({ postId, person, putOn, how, deadline }) {
    await requirePost(postId);
    const putAt = ukDay(putOn, "putOn");
    const due = ukDay(deadline, "deadline", true);
    if (due < putAt) throw new InputError("The deadline is before the day it was put to them.", { deadline: "Choose a deadline on or after that day." });
    const request = await addReplyRequest({ postId, person, putAt, how, deadline: due });
    return { message: `Recorded: ${person} has until ${formatUkDate(due)} to reply.`, data: { requestId: request.id } };
  },
  audit: ({ postId }, { data }) => ({ action: "post.reply-requested", entityType: "Post", entityId: postId, details: data }),
});

async function requireRequest(requestId: string) {
  const request = await findReplyRequest(requestId);
  if (!request) throw new InputError("This request no longer exists.");
  return request;
}

export const recordReplyResponseCommand = defineCommand({
  access: "posts.review",
  input: replyResponseSchema,
  async run({ requestId, response, respondedOn }) {
    const request = await requireRequest(requestId);
    if (request.publishedAt) throw new InputError("This response is published: it stays as readers saw it.");
    await recordReplyResponse(requestId, response, ukDay(respondedOn, "respondedOn"));
    return { message: "Response recorded. Readers see nothing of it unless you publish it.", data: { postId: request.postId } };
  },
  audit: ({ requestId }, { data }) => ({ action: "post.reply-recorded", entityType: "Post", entityId: data.postId, details: { requestId } }),
});

export const publishReplyResponse = defineCommand({
  access: "posts.review",
  input: replyRequestIdSchema,
  async run({ requestId }, actor) {
    const request = await requireRequest(requestId);
    if (!request.response) throw new InputError("Record the response first.");
    if (request.publishedAt) throw new InputError("This response is published already.");
    const post = await requirePost(request.postId);
    const revision = post.status === "PUBLISHED" ? await workingRevisionOf(post.id, actor.id) : await findLatestRevision(post.id);
    await markReplyForPublication(requestId, revision.id);
    const message =
      post.status === "PUBLISHED"
        ? "The response joins the working copy: readers see it once you press Update."
        : "The response will appear under the post when it is published.";
    return { message, data: { postId: post.id, revisionId: revision.id } };
  },
  audit: ({ requestId }, { data }) => ({ action: "post.reply-published", entityType: "Post", entityId: data.postId, details: { requestId, revisionId: data.revisionId } }),
});

/**
 * Publishing a post while someone it makes allegations about has not replied needs the editor's
 * confirmation: without it, a refusal that says who and by when (a field error the form recognises).
 */
export async function assertRepliesConsidered(postId: string, confirmed: boolean, now = new Date()) {
  if (confirmed) return;
  const open = await listOpenReplyRequests(postId);
  if (open.length === 0) return;
  const who = open.map((request) => `${request.person} (deadline ${formatUkDate(request.deadline)}${request.deadline < now ? ", passed" : ", not yet passed"})`).join("; ");
  const message = `No response yet from ${who}. Publish anyway?`;
  throw new InputError(message, { confirmOpenReplies: message });
}
