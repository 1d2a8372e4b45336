// The site's icon in the forms browsers ask for: /favicon.ico (16, 32 and 48 px) and
// /apple-touch-icon.png (180 px), drawn from the uploaded icon in the settings, or from Docket's own
// (public/icon.svg) when there is none.
import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import icoEndec from "ico-endec";
import sharp from "sharp";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
import { uploadsStorage } from "@/lib/storage";
import { getSiteSettings } from "./data";
import type { SiteSettings } from "./schema";

export const SITE_ICON_FILES = {
  "favicon.ico": { contentType: "image/x-icon", sizes: [16, 32, 48] },
  "apple-touch-icon.png": { contentType: "image/png", sizes: [180] },
} as const;

export type SiteIconFile = keyof typeof SITE_ICON_FILES;

export function isSiteIconFile(name: string): name is SiteIconFile {
  return Object.hasOwn(SITE_ICON_FILES, name);
}

const DEFAULT_ICON = path.join(process.cwd(), "public", "icon.svg");

async function iconSource(faviconUrl: string | null): Promise<Buffer> {
  if (faviconUrl) {
    const stored = await uploadsStorage().get(faviconUrl.replace(/^\/uploads\//, ""));
    if (stored) return stored.bytes;
  }
  return readFile(DEFAULT_ICON);
}

function squarePng(source: Buffer, size: number): Promise<Buffer> {
  return sharp(source, { density: 300 })
    .resize(size, size, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
}

/** The file's bytes, cached with the site settings: a new icon shows on the next request. */
export async function renderSiteIcon(file: SiteIconFile): Promise<Uint8Array> {
  "use cache";
  cacheForReaders(tags.siteSettings);
  const source = await iconSource((await getSiteSettings()).faviconUrl);
  const images = await Promise.all(SITE_ICON_FILES[file].sizes.map((size) => squarePng(source, size)));
  return new Uint8Array(file === "favicon.ico" ? icoEndec.encode(images) : images[0]);
}

/** The <link rel="icon"> addresses; a custom icon's carry its upload's name, so browsers fetch the new one. */
export function siteIconLinks(settings: Pick<SiteSettings, "faviconUrl">) {
  const version = settings.faviconUrl ? `?v=${path.basename(settings.faviconUrl, ".webp")}` : "";
  return {
    icon: [
      { url: `/favicon.ico${version}`, sizes: "48x48" },
      ...(settings.faviconUrl ? [] : [{ url: "/icon.svg", type: "image/svg+xml", sizes: "any" }]),
    ],
    apple: [{ url: `/apple-touch-icon.png${version}`, sizes: "180x180" }],
  };
}
