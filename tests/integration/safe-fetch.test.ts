// fetchPublicUrl against real local servers: the "public" one on 127.0.0.2 (allowed for this test, as a
// stand-in for the internet) and the "internal" one on 127.0.0.1, which no address form, redirect or
// scheme may reach.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPublicUrl, FetchRefusedError } from "@/lib/safe-fetch";

process.env.DOCKET_FETCH_ALLOW_ADDRESSES = "127.0.0.2";

const limits = { maxBytes: 1024, timeoutMs: 10_000 };
let internal: Server;
let internalPort: number;
const internalHits: string[] = [];
let publicServer: Server;
let publicBase: string;

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  internal = createServer((request, response) => {
    internalHits.push(request.url ?? "");
    response.end("secret");
  });
  internalPort = await listen(internal, "127.0.0.1");
  publicServer = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    if (url.pathname === "/image") return void response.writeHead(200, { "content-type": "image/png" }).end("PNGDATA");
    if (url.pathname === "/big") return void response.writeHead(200).end(Buffer.alloc(2048));
    if (url.pathname === "/to") return void response.writeHead(302, { location: url.searchParams.get("url") ?? "/" }).end();
    if (url.pathname === "/loop") return void response.writeHead(302, { location: "/loop" }).end();
    response.writeHead(404).end();
  });
  publicBase = `http://127.0.0.2:${await listen(publicServer, "127.0.0.2")}`;
});

afterAll(async () => {
  await new Promise((resolve) => internal.close(resolve));
  await new Promise((resolve) => publicServer.close(resolve));
});

describe("fetchPublicUrl", () => {
  it("fetches from an allowed host, following a redirect on it", async () => {
    const fetched = await fetchPublicUrl(`${publicBase}/to?url=/image`, limits);
    expect(fetched.bytes.toString()).toBe("PNGDATA");
    expect(fetched.contentType).toBe("image/png");
    expect(fetched.finalUrl).toBe(`${publicBase}/image`);
  });

  it.each([
    ["loopback", () => `http://127.0.0.1:${internalPort}/internal/secret.txt`],
    ["localhost by name", () => `http://localhost:${internalPort}/internal/secret.txt`],
    ["decimal", () => `http://2130706433:${internalPort}/internal/secret.txt`],
    ["hexadecimal", () => `http://0x7f.1:${internalPort}/internal/secret.txt`],
    ["IPv6-mapped", () => `http://[::ffff:127.0.0.1]:${internalPort}/internal/secret.txt`],
    ["IPv6 loopback", () => `http://[::1]:${internalPort}/internal/secret.txt`],
    ["unspecified", () => `http://0.0.0.0:${internalPort}/internal/secret.txt`],
    ["link-local metadata", () => "http://169.254.169.254/latest/meta-data/"],
    ["private", () => "http://10.0.0.1/"],
    ["redirect to loopback", () => `${publicBase}/to?url=${encodeURIComponent(`http://127.0.0.1:${internalPort}/internal/secret.txt`)}`],
    ["redirect to mapped IPv6", () => `${publicBase}/to?url=${encodeURIComponent(`http://[::ffff:7f00:1]:${internalPort}/x`)}`],
  ])("refuses %s addresses without reaching them", async (_name, address) => {
    const before = internalHits.length;
    await expect(fetchPublicUrl(address(), limits)).rejects.toThrow(/private, local or reserved network/);
    expect(internalHits.length).toBe(before);
  });

  it("refuses other schemes, also through a redirect", async () => {
    await expect(fetchPublicUrl("file:///etc/passwd", limits)).rejects.toThrow(/only http and https/);
    await expect(fetchPublicUrl(`${publicBase}/to?url=${encodeURIComponent("file:///etc/passwd")}`, limits)).rejects.toThrow(/only http and https/);
  });

  it("caps size, redirects and answers that are not a success", async () => {
    await expect(fetchPublicUrl(`${publicBase}/big`, limits)).rejects.toThrow(/larger than 1 KB/);
    await expect(fetchPublicUrl(`${publicBase}/loop`, limits)).rejects.toThrow(/more than 5 redirects/);
    await expect(fetchPublicUrl(`${publicBase}/missing`, limits)).rejects.toThrow(/HTTP 404/);
    await expect(fetchPublicUrl("not a url", limits)).rejects.toBeInstanceOf(FetchRefusedError);
  });
});
