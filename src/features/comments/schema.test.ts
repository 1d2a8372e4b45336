import { describe, expect, it } from "vitest";
import { commentFormSchema } from "./schema";

const website = (authorUrl: string) =>
  commentFormSchema.safeParse({ postId: "p1", authorName: "Ann", authorEmail: "ann@example.org", body: "Hello", authorUrl });

describe("a commenter's website", () => {
  it("reads a protocol-relative address (//host) as https, never as https:////host", () => {
    expect(website("//evil.example").data?.authorUrl).toBe("https://evil.example");
    expect(website("//evil.example/path?x=1").data?.authorUrl).toBe("https://evil.example/path?x=1");
  });

  it("adds https:// to a bare host and keeps http(s) addresses", () => {
    expect(website("example.org/me").data?.authorUrl).toBe("https://example.org/me");
    expect(website("http://example.org").data?.authorUrl).toBe("http://example.org");
    expect(website("").data?.authorUrl).toBeUndefined();
  });

  it("refuses what is not a web address with a host", () => {
    for (const bad of ["https:////evil.example", "https:///evil.example", "///evil.example", "javascript:alert(1)", "https://"]) {
      expect(website(bad).success, bad).toBe(false);
    }
  });
});
