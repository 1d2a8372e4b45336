import type { Metadata } from "next";
import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { DigestAdmin } from "@/features/digest/components/DigestAdmin";

export const metadata: Metadata = { title: "Digest" };

export default async function DigestPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser("digest.manage");
  const raw = await searchParams;
  const run = z.string().max(60).regex(/^[\w-]+$/).optional().catch(undefined).parse(firstParam(raw, "run"));
  return <DigestAdmin userEmail={user.email} openRunId={run} canChangeTime={can(user, "settings.manage")} />;
}
