// The site settings, for every output: reader pages, metadata, feeds, emails, the worker.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
import { firstRunSiteSettings, parseStoredSiteSettings, SITE_SETTINGS_KEY, type SiteSettings } from "./schema";

/** The settings as stored now (over the first-run defaults when nothing is stored yet). Uncached. */
export async function readSiteSettings(): Promise<SiteSettings> {
  const row = await db().setting.findUnique({ where: { key: SITE_SETTINGS_KEY } });
  return parseStoredSiteSettings(row?.value, firstRunSiteSettings(env()));
}

/**
 * The settings every reader page, feed, email and job uses. Cached and tagged inside the Next
 * server, so a saved change shows on the next request; elsewhere (the worker, scripts) a fresh read.
 */
export async function getSiteSettings(): Promise<SiteSettings> {
  "use cache";
  cacheForReaders(tags.siteSettings);
  return readSiteSettings();
}
