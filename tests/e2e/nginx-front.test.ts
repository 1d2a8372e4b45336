// The README's nginx front, taken from the README itself and put in front of two web processes of
// the test site: reader pages are micro-cached (nginx answers readers from its copy, and one of its
// first refreshes after a change serves the change), signed-in visitors bypass the cache, the admin is never cached.
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

  it("answers a stream of readers from its cache, and serves a change from one of its first refreshes after it", async () => {
    const post = await latestPostPath(3);
    await viaNginx(post.path);
    expect((await viaNginx(post.path)).cache).toBe("HIT");
    const newTitle = `Changed behind the front ${randomBytes(3).toString("hex")}`;
    await retitleBehindTheFront(post, newTitle);
    // One reader after another until the change shows (the test's own timeout bounds the wait). The
    // cached copy answers each of them: when it is a second old the first reader gets it STALE, and its
    // refresh is fetched in the background (UPDATING meanwhile); no reader waits for Docket.
    const answers: { cache: string | null; changed: boolean }[] = [];
    while (!answers.at(-1)?.changed) {
      const answer = await viaNginx(post.path);
      answers.push({ cache: answer.cache, changed: answer.text.includes(newTitle) });
    }
    expect(answers.filter((answer) => !fromCache.has(answer.cache ?? "")), JSON.stringify(answers)).toEqual([]);
    // The change came with one of the first two refreshes (a STALE answer sets one off): the first may
    // have been fetched in the moment before the invalidation reached the web process behind it.
    const refreshes = answers.filter((answer) => answer.cache === "STALE").length;
    expect(refreshes, JSON.stringify(answers)).toBeGreaterThanOrEqual(1);
    expect(refreshes, JSON.stringify(answers)).toBeLessThanOrEqual(2);
    // Once changed, it stays changed: no process behind the front serves the old page.
    for (let attempt = 0; attempt < 4; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await viaNginx(post.path)).text).toContain(newTitle);
    }
  });
});
