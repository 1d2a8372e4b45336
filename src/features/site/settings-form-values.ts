// The settings as the admin form's fields show them: no zod here, so the form's browser code does not carry it.
import type { SiteSettings } from "./schema";

/** The form's text for stored settings. */
export function siteSettingsFormValues(settings: SiteSettings): Record<string, string> {
  return {
    name: settings.name,
    tagline: settings.tagline,
    description: settings.description,
    logoUrl: settings.logoUrl ?? "",
    faviconUrl: settings.faviconUrl ?? "",
    socialX: settings.social.x ? `@${settings.social.x}` : "",
    socialBluesky: settings.social.bluesky ?? "",
    socialMastodon: settings.social.mastodon ?? "",
    socialLinkedin: settings.social.linkedin ?? "",
    footerText: settings.footerText,
    newPostsAllowComments: settings.newPostsAllowComments ? "on" : "",
    digestTime: settings.digestTime,
    digestTimeZone: settings.digestTimeZone,
  };
}
