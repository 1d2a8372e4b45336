import type { Metadata } from "next";
import { requireUser } from "@/lib/auth";
import { OutboxMessageView } from "@/features/digest/components/OutboxViewer";
import { decodeOrKeep } from "@/lib/percent-encoding";

export const metadata: Metadata = { title: "Outbox message" };

export default async function OutboxMessagePage({ params }: { params: Promise<{ file: string }> }) {
  await requireUser("outbox.read");
  const { file } = await params;
  return <OutboxMessageView file={decodeOrKeep(file)} />;
}
