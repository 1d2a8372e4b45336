import type { Metadata } from "next";
import { requireUser } from "@/lib/auth";
import { BackupAdmin } from "@/features/backup/components/BackupAdmin";

export const metadata: Metadata = { title: "Backup" };

export default async function BackupPage() {
  await requireUser("site.backup");
  return <BackupAdmin />;
}
