// The audit log: who did what, when. Every change made through the admin writes one row.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: "Post" | "User" | "AuthorProfile" | "Invitation" | "Series" | "Category" | "Tag" | "Comment" | "Commenter" | "Subscriber" | "Settings" | "Menu" | "Page" | "PreviewLink" | "Site" | "ImportRun" | "DigestRun";
  entityId: string;
  details?: Prisma.InputJsonValue;
};

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await db().auditLog.create({ data: entry });
}

export async function listAuditEntries(limit = 100) {
  return db().auditLog.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, action: true, entityType: true, entityId: true, details: true, createdAt: true, actor: { select: { email: true } } },
  });
}
