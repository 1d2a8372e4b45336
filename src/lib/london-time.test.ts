import { describe, expect, it } from "vitest";
import { formatUkDate, ordinal } from "@/lib/london-time";

describe("UK dates", () => {
  it("formats in Europe/London, day month year", () => {
    expect(formatUkDate(new Date("2026-11-21T12:00:00Z"))).toBe("21 November 2026");
    // 23:30 UTC on 30 June is already 1 July in British Summer Time.
    expect(formatUkDate(new Date("2026-06-30T23:30:00Z"))).toBe("1 July 2026");
  });

  it("writes ordinals", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 28, 101, 111, 112].map(ordinal)).toEqual([
      "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "28th", "101st", "111th", "112th",
    ]);
  });
});
