import { getSiteSettings } from "@/features/site/data";
import { siteUrl } from "@/lib/env";
import { renderShareImage, shareImageResponse } from "@/lib/share-image";

// The site's share image, for every reader page that is not a post (paths.siteShareImage).
// It reads no request data, so `next build` renders it once, and again when the site settings change;
// proxies keep it no longer than a reader page, so a new name reaches shared links soon.
export async function GET() {
  const site = await getSiteSettings();
  const png = await renderShareImage({ kicker: new URL(siteUrl()).host, title: site.name, foot: site.tagline });
  return shareImageResponse(png, "public, max-age=300, s-maxage=120, stale-while-revalidate=86400");
}
