import { correctionsFeedResponse } from "@/features/feeds/corrections-feed";

export function GET() {
  return correctionsFeedResponse("atom");
}
