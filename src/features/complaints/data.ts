// Reads of complaints, for the editors only (nothing here is cached or public), and the post a
// complainant's address names.
import "server-only";
import type { ComplaintStatus } from "@/generated/prisma/enums";
import { db } from "@/lib/db";
import { acknowledgementReminderCutoff, resolutionReminderCutoff } from "./clocks";

/** The post a complaint's address names: /posts/<slug> on any host, or an old address that redirects there. */
export async function findPostByAddress(address: string): Promise<{ id: string; slug: string } | null> {
  let path: string;
  try {
    path = new URL(address, "https://docket.invalid").pathname;
  } catch {
    return null;
  }
  const slug = /^\/posts\/([^/]+)\/?$/.exec(path)?.[1];
  if (slug) {
    const post = await db().post.findUnique({ where: { slug: decodeURIComponent(slug) }, select: { id: true, slug: true } });
    if (post) return post;
  }
  const moved = await db().redirect.findUnique({ where: { fromPath: path.replace(/\/$/, "") }, select: { targetType: true, targetId: true } });
  if (moved?.targetType !== "POST" || !moved.targetId) return null;
  return db().post.findUnique({ where: { id: moved.targetId }, select: { id: true, slug: true } });
}

const OPEN: ComplaintStatus[] = ["RECEIVED", "ACKNOWLEDGED", "INVESTIGATING", "ESCALATED"];

/** The queue: open complaints oldest first (their clocks run), then the resolved ones, newest first. */
export async function listComplaints() {
  const select = { id: true, name: true, clause: true, status: true, outcome: true, receivedAt: true, acknowledgedAt: true, resolvedAt: true, post: { select: { title: true } } } as const;
  const [open, resolved] = await Promise.all([
    db().complaint.findMany({ where: { status: { in: OPEN } }, orderBy: { receivedAt: "asc" }, select }),
    db().complaint.findMany({ where: { status: "RESOLVED" }, orderBy: { resolvedAt: "desc" }, take: 100, select }),
  ]);
  return { open, resolved };
}

export async function findComplaint(id: string) {
  return db().complaint.findUnique({
    where: { id },
    include: { post: { select: { id: true, slug: true, title: true, status: true } }, notes: { orderBy: { createdAt: "asc" } } },
  });
}

/** Open complaints whose acknowledgement deadline is near or past, not acknowledged and not reminded of yet. */
export async function listComplaintsDueAcknowledgementReminder(now: Date) {
  return db().complaint.findMany({
    where: { status: "RECEIVED", acknowledgementReminderAt: null, receivedAt: { lte: acknowledgementReminderCutoff(now) } },
    orderBy: { receivedAt: "asc" },
    select: { id: true, receivedAt: true, clause: true },
  });
}

/** Unresolved complaints whose resolution deadline is near or past, not reminded of yet. */
export async function listComplaintsDueResolutionReminder(now: Date) {
  return db().complaint.findMany({
    where: { status: { in: OPEN }, resolutionReminderAt: null, receivedAt: { lte: resolutionReminderCutoff(now) } },
    orderBy: { receivedAt: "asc" },
    select: { id: true, receivedAt: true, clause: true },
  });
}

/** Complaints received in a calendar year (UTC), by clause and outcome (null: not resolved yet). */
export async function countComplaintsOfYear(year: number) {
  const rows = await db().complaint.groupBy({
    by: ["clause", "outcome"],
    where: { receivedAt: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) } },
    _count: { _all: true },
  });
  return rows.map((row) => ({ clause: row.clause, outcome: row.outcome, count: row._count._all }));
}
