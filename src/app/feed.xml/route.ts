import { feedResponse } from "@/features/feeds/documents";

export function GET() {
  return feedResponse({ kind: "site" }, "rss");
}
