import type { Metadata } from "next";
import { z } from "zod";
import { requireRole } from "@/lib/auth";
import type { SearchParams } from "@/features/editorial/search-params";
import { ModerationQueue } from "@/features/comments/components/ModerationQueue";

export const metadata: Metadata = { title: "Comments" };

const querySchema = z.object({
  status: z.enum(["pending", "approved", "spam", "trash"]).catch("pending"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  notice: z.string().max(300).optional().catch(undefined),
  edit: z.string().max(40).optional().catch(undefined),
  reply: z.string().max(40).optional().catch(undefined),
});

export default async function CommentsQueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireRole("EDITOR", "ADMIN");
  const raw = await searchParams;
  const first = (name: string) => (Array.isArray(raw[name]) ? raw[name][0] : raw[name]);
  const query = querySchema.parse({
    status: first("status"),
    page: first("page"),
    notice: first("notice"),
    edit: first("edit"),
    reply: first("reply"),
  });
  return <ModerationQueue {...query} />;
}
