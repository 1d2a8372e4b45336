import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { CaseForm, emptyCase } from "@/features/legal/components/CaseForm";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "New case" };

export default async function NewCasePage() {
  await requireUser("legal.cases");
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/legal">Legal desk</Link>
      </p>
      <h1>New case</h1>
      <CaseForm initial={emptyCase} />
    </>
  );
}
