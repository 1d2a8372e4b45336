import type { Metadata } from "next";
import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { OutboxList } from "@/features/digest/components/OutboxViewer";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser("outbox.read");
  const raw = await searchParams;
  const page = z.coerce.number().int().min(1).max(1_000_000).catch(1).parse(firstParam(raw, "page"));
  return <OutboxList page={page} />;
}
