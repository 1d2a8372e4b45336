// The site's settings: what each may hold, how the admin form's text becomes them, and the first-run
// defaults taken from the environment (SITE_NAME, SITE_TAGLINE, DIGEST_CRON, DIGEST_TIMEZONE).
import { z } from "zod";
import { NAME_MAX, TAGLINE_MAX, DESCRIPTION_MAX, FOOTER_TEXT_MAX } from "./limits";
import { checkbox } from "@/lib/form-fields";

export const SITE_SETTINGS_KEY = "site";


/** An image uploaded through /api/uploads (re-encoded, stored by Docket): never an outside address. */
const uploadedImage = (what: string) =>
  z
    .string()
    .trim()
    .max(300)
    .refine((value) => value === "" || /^\/uploads\/[a-z0-9/-]+\.webp$/.test(value), `The ${what} must be an image uploaded here.`)
    .transform((value) => (value === "" ? null : value));

const DIGEST_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

/** The time zones to choose from, by name. */
export function timeZoneChoices(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

// ---------- social accounts: what people paste, reduced to one stored form each ----------

const X_HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const HOST_NAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const MASTODON_USER = /^[A-Za-z0-9_]{1,30}$/;

function asUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}

/** "@docket", "docket" or an x.com / twitter.com profile address → "docket". */
export function normalizeXHandle(text: string): string | null {
  const url = asUrl(text);
  const candidate = url ? (/^(www\.)?(x|twitter)\.com$/.test(url.hostname) ? url.pathname.split("/")[1] ?? "" : "") : text.replace(/^@/, "");
  return X_HANDLE.test(candidate) ? candidate : null;
}

/** "@name.bsky.social", "name.bsky.social" or a bsky.app profile address → "name.bsky.social". */
export function normalizeBlueskyHandle(text: string): string | null {
  const url = asUrl(text);
  const candidate = (url ? (url.hostname === "bsky.app" && url.pathname.startsWith("/profile/") ? url.pathname.split("/")[2] ?? "" : "") : text.replace(/^@/, "")).toLowerCase();
  return HOST_NAME.test(candidate) ? candidate : null;
}

/** "@user@instance.social" or "https://instance.social/@user" → "https://instance.social/@user". */
export function normalizeMastodonProfile(text: string): string | null {
  const address = text.match(/^@?([^@\s/]+)@([^@\s/]+)$/);
  if (address) {
    const [, user, host] = address;
    return MASTODON_USER.test(user) && HOST_NAME.test(host.toLowerCase()) ? `https://${host.toLowerCase()}/@${user}` : null;
  }
  const url = asUrl(text);
  const user = url?.pathname.match(/^\/@([^/]+)\/?$/)?.[1];
  if (!url || url.protocol !== "https:" || !user || !MASTODON_USER.test(user) || !HOST_NAME.test(url.hostname)) return null;
  return `https://${url.hostname}/@${user}`;
}

/** A LinkedIn company, school or personal page, as an https://www.linkedin.com/… address. */
export function normalizeLinkedInProfile(text: string): string | null {
  const url = asUrl(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  if (!url || !/^([a-z]{2,3}\.|www\.)?linkedin\.com$/.test(url.hostname)) return null;
  const match = url.pathname.match(/^\/(company|school|in|showcase)\/([A-Za-z0-9_%.-]{1,100})\/?$/);
  return match ? `https://www.linkedin.com/${match[1]}/${match[2]}` : null;
}

/** An optional account: empty is none; anything else must be recognised, with a message saying how. */
function socialAccount(normalize: (text: string) => string | null, message: string) {
  return z
    .string()
    .trim()
    .max(300, message)
    .transform((text, context) => {
      if (text === "") return null;
      const normalized = normalize(text);
      if (normalized === null) context.addIssue({ code: "custom", message });
      return normalized;
    });
}

// ---------- the settings ----------

export const siteSettingsSchema = z.object({
  name: z.string().trim().min(1, "Give the site a name.").max(NAME_MAX, `The name must be at most ${NAME_MAX} characters.`),
  tagline: z.string().trim().max(TAGLINE_MAX, `The tagline must be at most ${TAGLINE_MAX} characters.`),
  description: z.string().trim().max(DESCRIPTION_MAX, `The description must be at most ${DESCRIPTION_MAX} characters.`),
  logoUrl: z.string().regex(/^\/uploads\/[a-z0-9/-]+\.webp$/).nullable(),
  faviconUrl: z.string().regex(/^\/uploads\/[a-z0-9/-]+\.webp$/).nullable(),
  social: z.object({
    x: z.string().regex(X_HANDLE).nullable(),
    bluesky: z.string().regex(HOST_NAME).nullable(),
    mastodon: z.url({ protocol: /^https$/ }).nullable(),
    linkedin: z.url({ protocol: /^https$/ }).nullable(),
  }),
  footerText: z.string().trim().max(FOOTER_TEXT_MAX, `The footer text must be at most ${FOOTER_TEXT_MAX} characters.`),
  /** Whether a new post starts with "Allow comments" ticked. */
  newPostsAllowComments: z.boolean(),
  /** When the digest goes out each day, as HH:MM in digestTimeZone. */
  digestTime: z.string().regex(DIGEST_TIME, "Give the time as HH:MM, like 06:00."),
  digestTimeZone: z.string().refine(isTimeZone, "Choose a time zone from the list."),
});

export type SiteSettings = z.output<typeof siteSettingsSchema>;
export type SocialAccounts = SiteSettings["social"];

/** The admin form, every field as text (a checkbox is present or not). */
export const siteSettingsFormSchema = z
  .object({
    name: z.string({ error: "Give the site a name." }).pipe(siteSettingsSchema.shape.name),
    tagline: z.string().default("").pipe(siteSettingsSchema.shape.tagline),
    description: z.string().default("").pipe(siteSettingsSchema.shape.description),
    logoUrl: uploadedImage("logo").default(""),
    faviconUrl: uploadedImage("icon").default(""),
    socialX: socialAccount(normalizeXHandle, "Give the X account as @name or its x.com address.").default(""),
    socialBluesky: socialAccount(normalizeBlueskyHandle, "Give the Bluesky account as its handle, like name.bsky.social.").default(""),
    socialMastodon: socialAccount(normalizeMastodonProfile, "Give the Mastodon account as @name@server.social or its https:// address.").default(""),
    socialLinkedin: socialAccount(normalizeLinkedInProfile, "Give the LinkedIn page's address, like https://www.linkedin.com/company/name.").default(""),
    footerText: z.string().default("").pipe(siteSettingsSchema.shape.footerText),
    newPostsAllowComments: checkbox,
    digestTime: z.string({ error: "Give the time as HH:MM, like 06:00." }).trim().pipe(siteSettingsSchema.shape.digestTime),
    digestTimeZone: z.string({ error: "Choose a time zone from the list." }).trim().pipe(siteSettingsSchema.shape.digestTimeZone),
  })
  .transform(
    ({ socialX, socialBluesky, socialMastodon, socialLinkedin, ...rest }): SiteSettings => ({
      ...rest,
      social: { x: socialX, bluesky: socialBluesky, mastodon: socialMastodon, linkedin: socialLinkedin },
    }),
  );


// ---------- the digest's schedule ----------

const DAILY_CRON = /^(\d{1,2}) (\d{1,2}) \* \* \*$/;

/** "M H * * *" → "HH:MM"; null for any other schedule. */
export function digestTimeFromCron(cron: string): string | null {
  const match = cron.trim().match(DAILY_CRON);
  if (!match) return null;
  const time = `${match[2].padStart(2, "0")}:${match[1].padStart(2, "0")}`;
  return DIGEST_TIME.test(time) ? time : null;
}

/** "HH:MM" → the cron expression pg-boss schedules the digest with. */
export function digestCron(settings: Pick<SiteSettings, "digestTime">): string {
  const [hours, minutes] = settings.digestTime.split(":").map(Number);
  return `${minutes} ${hours} * * *`;
}

// ---------- first run ----------

export type SiteDefaultsSource = { SITE_NAME: string; SITE_TAGLINE: string; DIGEST_CRON: string; DIGEST_TIMEZONE: string };

/** What a new site starts with: the environment's name, tagline and digest schedule. */
export function firstRunSiteSettings(source: SiteDefaultsSource): SiteSettings {
  return {
    name: source.SITE_NAME.trim().slice(0, NAME_MAX) || "Docket",
    tagline: source.SITE_TAGLINE.trim().slice(0, TAGLINE_MAX),
    description: "",
    logoUrl: null,
    faviconUrl: null,
    social: { x: null, bluesky: null, mastodon: null, linkedin: null },
    footerText: "",
    newPostsAllowComments: true,
    digestTime: digestTimeFromCron(source.DIGEST_CRON) ?? "06:00",
    digestTimeZone: isTimeZone(source.DIGEST_TIMEZONE) ? source.DIGEST_TIMEZONE : "Europe/London",
  };
}

/** Stored settings over the defaults, field by field: a field that no longer fits keeps its default. */
export function parseStoredSiteSettings(stored: unknown, defaults: SiteSettings): SiteSettings {
  if (typeof stored !== "object" || stored === null) return defaults;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, field] of Object.entries(siteSettingsSchema.shape)) {
    const value = (stored as Record<string, unknown>)[key];
    if (value !== undefined && field.safeParse(value).success) merged[key] = value;
  }
  return siteSettingsSchema.parse(merged);
}
