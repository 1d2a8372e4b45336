import type { Metadata } from "next";
import { getSiteSettings } from "@/features/site/data";
import { readerPageMetadata } from "@/lib/seo";

/** readerPageMetadata with the site's name from the site settings: what every reader page's metadata carries. */
export async function readerMetadata(page: Omit<Parameters<typeof readerPageMetadata>[0], "siteName">): Promise<Pick<Metadata, "alternates" | "openGraph" | "twitter">> {
  return readerPageMetadata({ ...page, siteName: (await getSiteSettings()).name });
}
