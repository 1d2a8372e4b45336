import { siteName, siteTagline } from "@/lib/seo";
import { siteUrl } from "@/lib/env";
import { renderShareImage, shareImageResponse } from "@/lib/share-image";

// The site's share image, for every reader page that is not a post (paths.siteShareImage).
// It reads no request data, so `next build` renders it once.
export async function GET() {
  const png = await renderShareImage({ kicker: new URL(siteUrl()).host, title: siteName(), foot: siteTagline() });
  return shareImageResponse(png, "public, max-age=3600, s-maxage=86400, stale-while-revalidate=86400");
}
