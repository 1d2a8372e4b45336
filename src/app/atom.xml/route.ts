import { feedResponse } from "@/features/posts/feeds";

export function GET() {
  return feedResponse({ kind: "site" }, "atom");
}
