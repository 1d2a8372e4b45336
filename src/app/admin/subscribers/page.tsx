import type { Metadata } from "next";
import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { firstValues, type SearchParams } from "@/lib/search-params";
import { SubscribersAdmin } from "@/features/subscriptions/components/SubscribersAdmin";
import { subscriberStatusSchema } from "@/features/subscriptions/schema";

export const metadata: Metadata = { title: "Subscribers" };

const querySchema = z.object({
  q: z.string().trim().max(200).default("").catch(""),
  status: z.preprocess((value) => value || undefined, subscriberStatusSchema.optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  notice: z.string().max(40).optional().catch(undefined),
});

export default async function SubscribersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser("subscribers.manage");
  const query = querySchema.parse(firstValues(await searchParams));
  return <SubscribersAdmin query={query.q} status={query.status} page={query.page} notice={query.notice} />;
}
