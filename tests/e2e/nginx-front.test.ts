// The README's nginx front, taken from the README itself and put in front of the test server: reader
// pages are cached, signed-in visitors bypass the cache, the admin is never cached.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, connectToTestDatabase } from "../helpers/e2e";
import { startReadmeNginx } from "../helpers/nginx";

let front: Awaited<ReturnType<typeof startReadmeNginx>> | undefined;

beforeAll(async () => {
  front = await startReadmeNginx(Number(new URL(baseUrl()).port));
});
afterAll(async () => {
  await front?.stop();
});

async function viaNginx(pathname: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${front!.url}${pathname}`, { headers, redirect: "manual" });
  return { status: response.status, cache: response.headers.get("x-cache"), text: await response.text() };
}

async function latestPostPath(): Promise<{ path: string }> {
  const client = await connectToTestDatabase();
  try {
    const { rows } = await client.query<{ slug: string }>(
      `SELECT slug FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`,
    );
    return { path: `/posts/${rows[0].slug}` };
  } finally {
    await client.end();
  }
}

describe("the README's nginx front", () => {
  it("caches a reader page after its first request", async () => {
    const post = await latestPostPath();
    const first = await viaNginx(post.path);
    const second = await viaNginx(post.path);
    expect(first.status).toBe(200);
    expect(first.cache).toBe("MISS");
    expect(second.cache).toBe("HIT");
    expect(first.text).toContain('id="post-title"');
    expect(second.text).toBe(first.text);
  });

  it("caches each search separately", async () => {
    const first = await viaNginx("/search?q=probation");
    const second = await viaNginx("/search?q=probation");
    expect([first.cache, second.cache]).toEqual(["MISS", "HIT"]);
    expect(second.text).toBe(first.text);
    expect(first.text).toContain("Results for “probation”");
    const other = await viaNginx("/search?q=prison");
    expect(other.cache).toBe("MISS");
    expect(other.text).toContain("Results for “prison”");
  });

  it("sends a signed-in visitor past the cache, and never caches the admin", async () => {
    const post = await latestPostPath();
    await viaNginx(post.path);
    expect((await viaNginx(post.path, { cookie: "next-auth.session-token=anything" })).cache).toBe("BYPASS");
    for (let attempt = 0; attempt < 2; attempt++) {
      const admin = await viaNginx("/admin/sign-in");
      expect(admin.status).toBe(200);
      expect(admin.cache).toBe("MISS");
    }
  });
});
