import type { Metadata } from "next";
import { requireUser } from "@/lib/auth";
import { ImportRunView } from "@/features/wordpress/components/ImportRunView";

export const metadata: Metadata = { title: "Import report" };

export default async function ImportRunPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("site.import");
  const { id } = await params;
  return <ImportRunView id={id} />;
}
