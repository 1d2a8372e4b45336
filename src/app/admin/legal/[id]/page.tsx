import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { findCase } from "@/features/legal/data";
import { CaseForm } from "@/features/legal/components/CaseForm";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Case" };

export default async function EditCasePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("legal.cases");
  const found = await findCase((await params).id);
  if (!found) notFound();
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/legal">Legal desk</Link>
      </p>
      <h1>{found.name}</h1>
      <CaseForm
        caseId={found.id}
        initial={{
          name: found.name,
          court: found.court,
          reference: found.reference,
          state: found.state,
          activeFrom: found.activeFrom ? found.activeFrom.toISOString().slice(0, 10) : "",
          protectedTerms: found.protectedTerms.join("\n"),
          notes: found.notes,
          restrictions: found.restrictions,
        }}
      />
    </>
  );
}
