import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

const headersFor = (siteUrl: string | undefined, source: string) =>
  Object.fromEntries(securityHeaders(siteUrl).filter((rule) => rule.source === source).flatMap((rule) => rule.headers.map((header) => [header.key, header.value])));

describe("security headers", () => {
  it("adds HSTS and upgrade-insecure-requests only when the site is served over https", () => {
    const secure = headersFor("https://blog.example.org", "/:path*");
    expect(secure["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}/);
    expect(headersFor("https://blog.example.org", "/:path((?!uploads/).*)")["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(headersFor("http://localhost:3000", "/:path*")["Strict-Transport-Security"]).toBeUndefined();
    expect(headersFor(undefined, "/:path((?!uploads/).*)")["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
  });

  it("never lets the admin be framed; the site only by itself", () => {
    expect(headersFor(undefined, "/admin/:path*")["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headersFor(undefined, "/:path((?!uploads/).*)")["Content-Security-Policy"]).toContain("frame-ancestors 'self'");
  });
});
