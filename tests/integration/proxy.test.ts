// The proxy (src/proxy.ts) on its own, as Next calls it: an admin address whose id has broken
// percent-encoding finds nothing (404), never a server error. Docket's own web server already turns
// such a path into one no route serves; behind another server the proxy sees it as it came.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { proxy } from "@/proxy";
import { useTestDatabase } from "../helpers/database";

let pages: Server;
let origin: string;
const cookie = "next-auth.session-token=proxy-test-session";

beforeAll(async () => {
  await useTestDatabase();
  const editor = await db().user.create({ data: { email: "proxy.editor@docket.test", role: "EDITOR" } });
  await db().session.create({ data: { sessionToken: "proxy-test-session", userId: editor.id, expires: new Date(Date.now() + 3600_000) } });
  // The proxy fetches the admin's not-found page from its own server, then sends it with the status.
  pages = createServer((request, response) => response.writeHead(200, { "content-type": "text/html" }).end(`<h1>page ${request.url}</h1>`));
  await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
  process.env.PORT = String((pages.address() as AddressInfo).port);
  origin = `http://127.0.0.1:${process.env.PORT}`;
});
afterAll(async () => {
  await new Promise((resolve) => pages.close(resolve));
});

describe("the proxy", () => {
  it("answers 404 for an admin post or page whose id is broken percent-encoding", async () => {
    for (const path of ["/admin/posts/%ZZ", "/admin/posts/%E0%A4%A/history", "/admin/pages/%ZZ", "/admin/posts/100%"]) {
      const response = await proxy(new NextRequest(`${origin}${path}`, { headers: { cookie } }));
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toContain("/admin/not-found");
    }
  });

  it("still finds a post whose id is percent-encoded", async () => {
    const author = await db().user.findUniqueOrThrow({ where: { email: "proxy.editor@docket.test" } });
    await db().post.create({ data: { id: "café-post", slug: "cafe-post", title: "Café", createdById: author.id } });
    const response = await proxy(new NextRequest(`${origin}/admin/posts/caf%C3%A9-post`, { headers: { cookie } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});
