import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { findComplaint } from "@/features/complaints/data";
import { ComplaintDetail } from "@/features/complaints/components/ComplaintDetail";

export const metadata: Metadata = { title: "Complaint" };

export default async function ComplaintPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("complaints.manage");
  const complaint = await findComplaint((await params).id);
  if (!complaint) notFound();
  return <ComplaintDetail complaint={complaint} now={new Date()} />;
}
