// Writes of complaints: a new one, its moves between states, the editors' note trail, reminders sent.
import "server-only";
import type { ComplaintOutcome, ComplaintStatus } from "@/generated/prisma/enums";
import { db } from "@/lib/db";
import type { ComplaintSubmission } from "./schema";

type NewComplaint = Pick<ComplaintSubmission, "name" | "email" | "postAddress" | "clause" | "whatIsWrong" | "whatWouldPutItRight"> & {
  postId: string | null;
  ipHash: string | null;
  receivedAt: Date;
};

export async function insertComplaint(complaint: NewComplaint) {
  return db().complaint.create({ data: complaint, select: { id: true, receivedAt: true } });
}

export async function addComplaintNote(complaintId: string, author: { id: string; name: string }, body: string, now = new Date()) {
  return db().complaintNote.create({ data: { complaintId, authorId: author.id, authorName: author.name, body, createdAt: now }, select: { id: true } });
}

/** Moves a complaint; leaving "received" for the first time counts as acknowledging it. */
export async function moveComplaint(complaintId: string, to: ComplaintStatus, outcome: ComplaintOutcome | null, now = new Date()) {
  const current = await db().complaint.findUniqueOrThrow({ where: { id: complaintId }, select: { acknowledgedAt: true } });
  return db().complaint.update({
    where: { id: complaintId },
    data: {
      status: to,
      outcome: to === "RESOLVED" ? outcome : null,
      resolvedAt: to === "RESOLVED" ? now : null,
      acknowledgedAt: current.acknowledgedAt ?? now,
    },
    select: { id: true, postId: true },
  });
}

export async function markRemindersSent(kind: "acknowledgement" | "resolution", complaintIds: string[], now: Date) {
  const field = kind === "acknowledgement" ? "acknowledgementReminderAt" : "resolutionReminderAt";
  await db().complaint.updateMany({ where: { id: { in: complaintIds }, [field]: null }, data: { [field]: now } });
}
