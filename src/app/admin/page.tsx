import type { Metadata } from "next";
import { requireRole } from "@/lib/auth";

export const metadata: Metadata = { title: "Dashboard" };

export default async function AdminDashboardPage() {
  const user = await requireRole();
  return (
    <>
      <h1>Dashboard</h1>
      <p>Signed in as {user.displayName ?? user.email}.</p>
    </>
  );
}
