import type { Metadata } from "next";
import { requireUser } from "@/lib/auth";
import { readSiteSettings } from "@/features/site/data";
import { timeZoneChoices } from "@/features/site/schema";
import { siteSettingsFormValues } from "@/features/site/settings-form-values";
import { SiteSettingsForm } from "@/features/site/components/SiteSettingsForm";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Site settings" };

export default async function SiteSettingsPage() {
  await requireUser("settings.manage");
  const settings = await readSiteSettings();
  return (
    <>
      <h1>Site settings</h1>
      <SiteSettingsForm initial={siteSettingsFormValues(settings)} timeZones={timeZoneChoices()} />
    </>
  );
}
