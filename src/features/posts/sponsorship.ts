// A category's sponsor block and the London days it runs: what readers see at a given moment, and
// when that next changes (the cached pages showing it live until then: cacheUntil in reader-cache).
import { fromLondonLocal } from "@/lib/london-time";
import { SHORTEST_CACHE_SECONDS } from "@/lib/reader-cache";

/** A category's sponsor columns as stored (days as Dates from Prisma or "YYYY-MM-DD" from raw SQL). */
export type SponsorColumns = {
  name: string;
  sponsorName: string | null;
  sponsorUrl: string | null;
  sponsorText: string | null;
  sponsorStrapline: string | null;
  sponsorLogoUrl: string | null;
  sponsorLogoAlt: string | null;
  sponsorStartsOn: Date | string | null;
  sponsorEndsOn: Date | string | null;
};

export type Sponsor = {
  name: string;
  /** http(s) only; rendered with rel="sponsored". */
  url: string | null;
  line: string;
  strapline: string | null;
  logo: { url: string; alt: string } | null;
};

/**
 * The block comes down this long before midnight at the end of its last day: a cached page lives at
 * least SHORTEST_CACHE_SECONDS, so a page rendered just before the end could otherwise outlive it.
 */
export const SPONSOR_END_MARGIN_MS = SHORTEST_CACHE_SECONDS * 1000;

/** "YYYY-MM-DD" of a stored calendar day. */
export function calendarDay(day: Date | string): string {
  return typeof day === "string" ? day.slice(0, 10) : day.toISOString().slice(0, 10);
}

function dayAfter(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** The instants a sponsorship runs between: 00:00 London on its first day to 00:00 after its last. */
export function sponsorshipWindow(startsOn: Date | string | null, endsOn: Date | string | null): { from: Date | null; until: Date | null } {
  return {
    from: startsOn ? fromLondonLocal(`${calendarDay(startsOn)}T00:00`) : null,
    until: endsOn ? fromLondonLocal(`${dayAfter(calendarDay(endsOn))}T00:00`) : null,
  };
}

export type SponsorshipState = "none" | "scheduled" | "showing" | "ended";

/** The sponsor block readers see at `now` (null for none), and when that answer next changes. */
export function sponsorAt(category: SponsorColumns, now: Date): { sponsor: Sponsor | null; state: SponsorshipState; changesAt: Date | null } {
  if (!category.sponsorName) return { sponsor: null, state: "none", changesAt: null };
  const { from, until } = sponsorshipWindow(category.sponsorStartsOn, category.sponsorEndsOn);
  const takenDownAt = until ? new Date(until.getTime() - SPONSOR_END_MARGIN_MS) : null;
  if (from && now < from) return { sponsor: null, state: "scheduled", changesAt: from };
  if (takenDownAt && now >= takenDownAt) return { sponsor: null, state: "ended", changesAt: null };
  const sponsor: Sponsor = {
    name: category.sponsorName,
    url: category.sponsorUrl && /^https?:\/\//i.test(category.sponsorUrl) ? category.sponsorUrl : null,
    line: category.sponsorText || `${category.name} posts are sponsored by ${category.sponsorName}.`,
    strapline: category.sponsorStrapline || null,
    logo: category.sponsorLogoUrl ? { url: category.sponsorLogoUrl, alt: category.sponsorLogoAlt ?? "" } : null,
  };
  return { sponsor, state: "showing", changesAt: takenDownAt };
}
