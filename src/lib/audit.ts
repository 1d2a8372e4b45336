// The audit log: who did what, when. Every change an editor makes writes a row: commands declare the
// entry (their `audit` step in src/lib/action.ts), and the pipeline writes it in the command's transaction.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: "Post" | "User" | "AuthorProfile" | "Invitation" | "Series" | "Category" | "Tag" | "Comment" | "Commenter" | "Subscriber" | "Settings" | "Menu" | "Page" | "PreviewLink" | "Site" | "ImportRun" | "DigestRun" | "MediaAsset" | "LegalCase" | "Complaint";
  entityId: string;
  details?: Prisma.InputJsonValue;
};

/** What a command's `audit` step returns; the pipeline adds who did it. */
export type AuditRecord = Omit<AuditEntry, "actorId">;

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
