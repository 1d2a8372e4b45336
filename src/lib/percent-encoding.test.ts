import { describe, expect, it } from "vitest";
import { decodeOrKeep } from "./percent-encoding";

describe("decodeOrKeep", () => {
  it("decodes good escapes and keeps broken ones as written", () => {
    expect(decodeOrKeep("caf%C3%A9")).toBe("café");
    expect(decodeOrKeep("%ZZ")).toBe("%ZZ");
    expect(decodeOrKeep("100%")).toBe("100%");
    expect(decodeOrKeep("%E0%A4%A")).toBe("%E0%A4%A");
  });

  it("with decodeURI, leaves reserved characters encoded", () => {
    expect(decodeOrKeep("/a%2Fb/caf%C3%A9", decodeURI)).toBe("/a%2Fb/café");
    expect(decodeOrKeep("/a%2Fb", decodeURIComponent)).toBe("/a/b");
  });
});
