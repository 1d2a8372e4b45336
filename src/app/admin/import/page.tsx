import type { Metadata } from "next";
import { requireUser } from "@/lib/auth";
import { ImportAdmin } from "@/features/wordpress/components/ImportAdmin";

export const metadata: Metadata = { title: "Import from WordPress" };

export default async function ImportPage() {
  await requireUser("site.import");
  return <ImportAdmin />;
}
