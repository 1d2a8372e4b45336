// Reads of right-of-reply requests: for editors (all of them, and the overdue ones), and for readers
// only the responses an editor published.
import "server-only";
import { db } from "@/lib/db";


export async function listReplyRequests(postId: string) {
  return db().replyRequest.findMany({ where: { postId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/** Requests with no response whose deadline has passed, on posts not out yet, oldest deadline first. */
export async function listOverdueReplyRequests(now: Date) {
  return db().replyRequest.findMany({
    where: { response: null, deadline: { lt: now }, post: { status: { in: ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "SCHEDULED"] } } },
    orderBy: { deadline: "asc" },
    select: { id: true, person: true, deadline: true, post: { select: { id: true, title: true, status: true } } },
  });
}

/** A post's requests still waiting for a response: publishing it asks the editor to confirm. */
export async function listOpenReplyRequests(postId: string) {
  return db().replyRequest.findMany({ where: { postId, response: null }, orderBy: { deadline: "asc" }, select: { person: true, deadline: true } });
}

export async function findReplyRequest(id: string) {
  return db().replyRequest.findUnique({ where: { id }, select: { id: true, postId: true, response: true, publishedAt: true, revisionId: true } });
}
