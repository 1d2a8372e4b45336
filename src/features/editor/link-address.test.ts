import { describe, expect, it } from "vitest";
import { normalizedHref } from "./link-address";

describe("normalizedHref", () => {
  it.each([
    ["https://example.org/a?b=c", "https://example.org/a?b=c"],
    ["  http://example.org  ", "http://example.org"],
    ["www.citizensadvice.org.uk", "https://www.citizensadvice.org.uk"],
    ["example.org/help/page", "https://example.org/help/page"],
    ["jo@example.org", "mailto:jo@example.org"],
    ["mailto:jo@example.org", "mailto:jo@example.org"],
    ["/posts/why-i-speak-up", "/posts/why-i-speak-up"],
    ["#notes", "#notes"],
  ])("keeps %j as %j", (typed, expected) => {
    expect(normalizedHref(typed)).toBe(expected);
  });

  it.each(["javascript:alert(1)", "data:text/html,x", "ftp://example.org", "probation", "", "two words.org", "https://"])("refuses %j", (typed) => {
    expect(normalizedHref(typed)).toBeNull();
  });
});
