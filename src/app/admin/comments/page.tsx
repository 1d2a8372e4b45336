import type { Metadata } from "next";
import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { firstValues, type SearchParams } from "@/lib/search-params";
import { ModerationQueue } from "@/features/comments/moderation/components/ModerationQueue";
import { queueTabSchema } from "@/features/comments/moderation/queue-tabs";

export const metadata: Metadata = { title: "Comments" };

const querySchema = z.object({
  status: queueTabSchema,
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  notice: z.string().max(300).optional().catch(undefined),
  edit: z.string().max(40).optional().catch(undefined),
  reply: z.string().max(40).optional().catch(undefined),
});

export default async function CommentsQueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser("comments.moderate");
  const query = querySchema.parse(firstValues(await searchParams));
  return <ModerationQueue {...query} />;
}
