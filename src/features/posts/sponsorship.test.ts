import { describe, expect, it } from "vitest";
import { SPONSOR_END_MARGIN_MS, sponsorAt, sponsorshipWindow, type SponsorColumns } from "./sponsorship";

const category = (overrides: Partial<SponsorColumns> = {}): SponsorColumns => ({
  name: "Probation",
  sponsorName: "Fieldwork Trust",
  sponsorUrl: "https://fieldwork.example.org",
  sponsorText: null,
  sponsorStrapline: null,
  sponsorLogoUrl: null,
  sponsorLogoAlt: null,
  sponsorStartsOn: null,
  sponsorEndsOn: null,
  ...overrides,
});

describe("a sponsorship's London days", () => {
  it("runs from midnight London time on the first day to midnight after the last, in summer and winter time", () => {
    // 1 June is in British Summer Time (UTC+1); 1 December is GMT.
    expect(sponsorshipWindow("2026-06-01", "2026-06-30")).toEqual({
      from: new Date("2026-05-31T23:00:00Z"),
      until: new Date("2026-06-30T23:00:00Z"),
    });
    expect(sponsorshipWindow(new Date("2026-12-01T00:00:00Z"), new Date("2026-12-31T00:00:00Z"))).toEqual({
      from: new Date("2026-12-01T00:00:00Z"),
      until: new Date("2027-01-01T00:00:00Z"),
    });
    // The clocks go back on 25 October 2026: the last day ends at midnight GMT.
    expect(sponsorshipWindow(null, "2026-10-25").until).toEqual(new Date("2026-10-26T00:00:00Z"));
    expect(sponsorshipWindow(null, null)).toEqual({ from: null, until: null });
  });

  it("shows nothing before the first day and says when it starts", () => {
    const result = sponsorAt(category({ sponsorStartsOn: "2026-06-01" }), new Date("2026-05-31T22:59:59Z"));
    expect(result).toEqual({ sponsor: null, state: "scheduled", changesAt: new Date("2026-05-31T23:00:00Z") });
    expect(sponsorAt(category({ sponsorStartsOn: "2026-06-01" }), new Date("2026-05-31T23:00:00Z")).state).toBe("showing");
  });

  it("shows the block until shortly before midnight after the last day, and says when it comes down", () => {
    const sponsored = category({ sponsorEndsOn: "2026-06-30", sponsorText: "Probation posts are sponsored by Fieldwork.", sponsorStrapline: "Learning in practice", sponsorLogoUrl: "/uploads/logo.webp", sponsorLogoAlt: "Fieldwork Trust" });
    const until = new Date("2026-06-30T23:00:00Z");
    const takenDown = new Date(until.getTime() - SPONSOR_END_MARGIN_MS);
    expect(sponsorAt(sponsored, new Date("2026-06-30T12:00:00Z"))).toEqual({
      sponsor: {
        name: "Fieldwork Trust",
        url: "https://fieldwork.example.org",
        line: "Probation posts are sponsored by Fieldwork.",
        strapline: "Learning in practice",
        logo: { url: "/uploads/logo.webp", alt: "Fieldwork Trust" },
      },
      state: "showing",
      changesAt: takenDown,
    });
    expect(sponsorAt(sponsored, new Date(takenDown.getTime() - 1)).state).toBe("showing");
    expect(sponsorAt(sponsored, takenDown)).toEqual({ sponsor: null, state: "ended", changesAt: null });
    expect(sponsorAt(sponsored, new Date("2026-07-01T09:00:00Z")).state).toBe("ended");
  });

  it("writes the line itself when the editor did not, and never links anything but http(s)", () => {
    const result = sponsorAt(category({ sponsorUrl: "javascript:alert(1)" }), new Date());
    expect(result.sponsor).toMatchObject({ line: "Probation posts are sponsored by Fieldwork Trust.", url: null, logo: null });
    expect(sponsorAt(category({ sponsorName: null }), new Date())).toEqual({ sponsor: null, state: "none", changesAt: null });
  });
});
