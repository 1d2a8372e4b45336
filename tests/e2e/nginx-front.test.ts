// The README's nginx front, taken from the README itself and put in front of two web processes of
// the test site: reader pages are micro-cached (a change is served within 2 s while nginx answers
// nearly every request itself), signed-in visitors bypass the cache, the admin is never cached.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTagInvalidations } from "@/lib/cache/shared-tags";
import { baseUrl, connectToTestDatabase } from "../helpers/e2e";
import { startExtraWebServer, type ExtraWebServer } from "../helpers/extra-web-server";
import { startReadmeNginx } from "../helpers/nginx";

let front: Awaited<ReturnType<typeof startReadmeNginx>> | undefined;
let second: ExtraWebServer | undefined;

beforeAll(async () => {
  second = await startExtraWebServer();
  front = await startReadmeNginx([Number(new URL(baseUrl()).port), Number(new URL(second.url).port)]);
});
afterAll(async () => {
  await front?.stop();
  await second?.stop();
});

async function viaNginx(pathname: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${front!.url}${pathname}`, { headers, redirect: "manual" });
  return { status: response.status, cache: response.headers.get("x-cache"), text: await response.text() };
}

async function latestPostPath(offset = 0): Promise<{ path: string; id: string; slug: string }> {
  const client = await connectToTestDatabase();
  try {
    const { rows } = await client.query<{ slug: string; id: string }>(
      `SELECT slug, id FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1 OFFSET $1`,
      [offset],
    );
    return { path: `/posts/${rows[0].slug}`, ...rows[0] };
  } finally {
    await client.end();
  }
}

/** Retitles a post and invalidates its page as the worker does: in the database, outside any web process. */
async function retitleBehindTheFront(post: { id: string; slug: string }, title: string) {
  const client = await connectToTestDatabase();
  try {
    await client.query(`UPDATE "Post" SET title = $2 WHERE id = $1`, [post.id, title]);
    await writeTagInvalidations(client, [`post:${post.slug}`, "posts"]);
  } finally {
    await client.end();
  }
}

const fromCache = new Set(["HIT", "STALE", "UPDATING"]);

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

  it("serves a change within 2 seconds, while answering nearly every request from its cache", async () => {
    const post = await latestPostPath(3);
    await viaNginx(post.path);
    // Readers keep coming: 4 at a time, for 4 seconds.
    const statuses: string[] = [];
    const stopAt = Date.now() + 4000;
    const newTitle = `Changed behind the front ${randomBytes(3).toString("hex")}`;
    let changedAt = 0;
    let seenAt = 0;
    const reader = async () => {
      while (Date.now() < stopAt) {
        const answer = await viaNginx(post.path);
        statuses.push(answer.cache ?? "none");
        if (changedAt && !seenAt && answer.text.includes(newTitle)) seenAt = Date.now();
      }
    };
    const readers = Array.from({ length: 4 }, reader);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await retitleBehindTheFront(post, newTitle);
    changedAt = Date.now();
    await Promise.all(readers);
    expect(seenAt, "the change was served through the front").toBeGreaterThan(0);
    expect(seenAt - changedAt).toBeLessThanOrEqual(2000);
    const answeredByNginx = statuses.filter((status) => fromCache.has(status)).length;
    expect(statuses.length).toBeGreaterThan(100);
    expect(answeredByNginx / statuses.length).toBeGreaterThanOrEqual(0.9);
    // Once changed, it stays changed: no process behind the front serves the old page.
    for (let attempt = 0; attempt < 4; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await viaNginx(post.path)).text).toContain(newTitle);
    }
  });
});
