import { feedResponse } from "@/features/posts/feeds";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse({ kind: "series", slug: (await params).slug }, "rss");
}
