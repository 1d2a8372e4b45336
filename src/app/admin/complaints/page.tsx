import type { Metadata } from "next";
import { requireUser } from "@/lib/auth";
import { listComplaints } from "@/features/complaints/data";
import { ComplaintsQueue } from "@/features/complaints/components/ComplaintsQueue";

export const metadata: Metadata = { title: "Complaints" };

export default async function ComplaintsQueuePage() {
  await requireUser("complaints.manage");
  return <ComplaintsQueue complaints={await listComplaints()} now={new Date()} />;
}
