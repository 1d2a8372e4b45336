import { feedResponse } from "@/features/feeds/documents";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse({ kind: "series", slug: (await params).slug }, "rss");
}
