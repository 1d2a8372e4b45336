import { describe, expect, it } from "vitest";
import { MALFORMED_PATH, repairRequestUrl } from "./request-url";

describe("repairRequestUrl", () => {
  it("leaves good addresses alone", () => {
    for (const url of ["/", "/posts/a-post", "/search?q=100%25&page=2", "/tags/%E0%A4%B8", "/search?q=%E0%A4%A"]) {
      expect(repairRequestUrl(url), url).toBe(url);
    }
  });

  it("sends a path with broken percent-encoding to a path no route serves, keeping the query", () => {
    for (const url of ["/%", "/posts/%E0%A4%A", "/tags/%E0%A4%A", "/search/%E0%A4%A/1", "/posts/%FF"]) {
      expect(repairRequestUrl(url), url).toBe(MALFORMED_PATH);
    }
    expect(repairRequestUrl("/%zz?q=a")).toBe(`${MALFORMED_PATH}?q=a`);
  });

  it("turns NUL in a path into U+FFFD and drops it from a query", () => {
    expect(repairRequestUrl("/posts/%00")).toBe("/posts/%EF%BF%BD");
    expect(repairRequestUrl("/search?q=%00")).toBe("/search?q=");
    expect(repairRequestUrl("/search?q=a%00b&page=%002")).toBe("/search?q=ab&page=2");
    expect(repairRequestUrl("/search?q=%2500")).toBe("/search?q=%2500");
  });
});
