// Changing the site settings, as a command (src/lib/action.ts): administrators only.
import "server-only";
import { defineCommand } from "@/lib/action";
import { tags } from "@/lib/cache-tags";
import { readSiteSettings } from "./data";
import { storeSiteSettings } from "./mutations";
import { siteSettingsFormSchema, type SiteSettings } from "./schema";

/** The names of the settings that differ, for the audit log (values may be long; names say enough). */
function changedSettings(before: SiteSettings, after: SiteSettings): string[] {
  return (Object.keys(after) as (keyof SiteSettings)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

export const saveSiteSettings = defineCommand({
  access: "settings.manage",
  input: siteSettingsFormSchema,
  async run(settings) {
    const before = await readSiteSettings();
    const saved = await storeSiteSettings(settings);
    const changed = changedSettings(before, saved);
    if (changed.length === 0) return { message: "Nothing changed.", data: { ...saved, changed } };
    const digestNote = changed.includes("digestTime") || changed.includes("digestTimeZone") ? " The digest's new time applies within a minute." : "";
    return { message: `Settings saved: readers see them now.${digestNote}`, tags: [tags.siteSettings], data: { ...saved, changed } };
  },
  audit: (_settings, { data }) => (data.changed.length > 0 ? { action: "settings.saved", entityType: "Settings", entityId: "site", details: { changed: data.changed } } : null),
});
