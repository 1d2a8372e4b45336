// Writing the site settings. Callers check permissions first (commands.ts).
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { firstRunSiteSettings, SITE_SETTINGS_KEY, siteSettingsSchema, type SiteSettings } from "./schema";

export async function storeSiteSettings(settings: SiteSettings): Promise<SiteSettings> {
  const value = siteSettingsSchema.parse(settings);
  await db().setting.upsert({ where: { key: SITE_SETTINGS_KEY }, create: { key: SITE_SETTINGS_KEY, value }, update: { value } });
  return value;
}

/**
 * On the first start, the environment's SITE_NAME, SITE_TAGLINE, DIGEST_CRON and DIGEST_TIMEZONE
 * become the stored settings; after that they are never read again. Returns whether it stored them.
 */
export async function storeFirstRunSiteSettings(): Promise<boolean> {
  const value = firstRunSiteSettings(env());
  const created = await db().setting.createMany({ data: [{ key: SITE_SETTINGS_KEY, value }], skipDuplicates: true });
  return created.count > 0;
}
