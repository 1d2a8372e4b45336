import type { Metadata } from "next";
import { z } from "zod";
import { requireRole } from "@/lib/auth";
import type { SearchParams } from "@/features/editorial/search-params";
import { OutboxList } from "@/features/digest/components/OutboxViewer";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireRole("EDITOR", "ADMIN");
  const raw = await searchParams;
  const page = z.coerce.number().int().min(1).max(1_000_000).catch(1).parse(Array.isArray(raw.page) ? raw.page[0] : raw.page);
  return <OutboxList page={page} />;
}
