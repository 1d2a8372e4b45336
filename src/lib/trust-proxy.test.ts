import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { parseTrustProxy, resolveClientAddress } from "./trust-proxy";

const resolve = (setting: string | undefined, socketAddress: string, forwardedFor?: string) =>
  resolveClientAddress({ socketAddress, forwardedFor, trust: parseTrustProxy(setting) });

describe("TRUST_PROXY", () => {
  it("is off by default: the connection's address, whatever X-Forwarded-For says", () => {
    for (const setting of [undefined, "", "false", "0", "off"]) {
      expect(resolve(setting, "203.0.113.9", "198.51.100.1"), String(setting)).toBe("203.0.113.9");
    }
    expect(resolve(undefined, "::ffff:127.0.0.1", "198.51.100.1")).toBe("127.0.0.1");
  });

  it("with a hop count, believes that many entries from the right and no more", () => {
    expect(resolve("1", "127.0.0.1", "6.6.6.6, 198.51.100.7")).toBe("198.51.100.7");
    expect(resolve("2", "127.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.2")).toBe("198.51.100.7");
    // Fewer entries than hops: the leftmost there is.
    expect(resolve("2", "127.0.0.1", "198.51.100.7")).toBe("198.51.100.7");
    // No header: the connection.
    expect(resolve("1", "127.0.0.1")).toBe("127.0.0.1");
  });

  it("with a list of proxies, walks left only while the nearer hop is a listed proxy", () => {
    const proxies = "127.0.0.1, 10.0.0.0/8, ::1";
    expect(resolve(proxies, "127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3")).toBe("198.51.100.7");
    expect(resolve(proxies, "::1", "2001:db8::5")).toBe("2001:db8::5");
    // A client connecting directly is not a proxy: its header is ignored.
    expect(resolve(proxies, "203.0.113.9", "6.6.6.6")).toBe("203.0.113.9");
    // Garbage from a trusted proxy stops the walk at that proxy.
    expect(resolve(proxies, "127.0.0.1", "not-an-address")).toBe("127.0.0.1");
  });

  it("refuses a value it cannot read, saying what it accepts", () => {
    expect(() => parseTrustProxy("yes please")).toThrow(/not an IP address or CIDR range/);
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseTrustProxy("true")).toThrow(/number of proxy hops/);
    // At start-up, naming the setting.
    expect(() => parseEnv({ TRUST_PROXY: "yes please" })).toThrow(/TRUST_PROXY: "yes please" is not an IP address/);
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe("1");
  });
});
