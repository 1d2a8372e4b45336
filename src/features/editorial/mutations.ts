import { db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: "Post" | "User" | "AuthorProfile" | "Invitation" | "Series";
  entityId: string;
  details?: Prisma.InputJsonValue;
};

/** Who did what, when: every editorial action writes one row. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  await db().auditLog.create({ data: entry });
}
