// Cache invalidation shared through PostgreSQL (src/lib/cache): what one process invalidates, every
// other learns through LISTEN/NOTIFY, and after its listening connection is cut it reconnects and
// reloads the tag table (notifications sent meanwhile are lost), trusting no entry until then.
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUseCacheHandler } from "@/lib/cache/use-cache-handler";
import {
  LISTENER_APPLICATION_NAME,
  notificationBatches,
  SharedTagListener,
  sharedCacheTags,
  staleSecondsOf,
  writeTagInvalidations,
} from "@/lib/cache/shared-tags";
import { TagTimes } from "@/lib/cache/tag-times";
import { useTestDatabase } from "../helpers/database";

let databaseUrl: string;
let pool: pg.Pool;
const listeners: SharedTagListener[] = [];
const quietLog = { error: () => {}, info: () => {} };

beforeAll(async () => {
  databaseUrl = await useTestDatabase();
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
});
afterAll(async () => {
  await Promise.all(listeners.map((listener) => listener.stop()));
  await pool.end();
});

async function startListener(): Promise<SharedTagListener> {
  const listener = new SharedTagListener(databaseUrl, quietLog).start();
  listeners.push(listener);
  expect(await listener.whenLive(5000)).toBe(true);
  return listener;
}

async function eventually(check: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** Ends this database's listening connections from the server side, as a failover or a restart would. */
async function cutListeners(): Promise<number> {
  const { rowCount } = await pool.query(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
    [LISTENER_APPLICATION_NAME],
  );
  return rowCount ?? 0;
}

function entry(tags: string[], timestamp = Date.now()) {
  return {
    value: new Response("cached bytes").body!,
    tags,
    stale: 30,
    timestamp,
    expire: 3600,
    revalidate: 600,
  };
}

describe("the handler files", () => {
  it("load in plain Node, with no TypeScript loader, as the Next server loads them", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files = ["use-cache-handler", "page-cache-handler"].map((name) => path.join(root, "src/lib/cache", `${name}.ts`));
    const script = `Promise.all(${JSON.stringify(files)}.map((file) => import(file))).then((modules) => console.log(modules.map((module) => typeof module.default).join(",")))`;
    const output = execFileSync(path.join(root, "node_modules/.bin/node"), ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: "" } });
    expect(output.trim()).toBe("object,function");
  });
});

describe("tag times", () => {
  it("expire an entry made before the invalidation, not one made after; an old version changes nothing", () => {
    const times = new TagTimes();
    expect(times.apply("post:a", 5n, 0, 1000)).toBe(true);
    expect(times.isExpired(["post:a"], 999, 2000)).toBe(true);
    expect(times.isExpired(["post:a"], 1000, 2000)).toBe(false);
    expect(times.isExpired(["other"], 0, 2000)).toBe(false);
    expect(times.apply("post:a", 5n, 0, 3000)).toBe(false);
    expect(times.apply("post:a", 4n, 0, 3000)).toBe(false);
    expect(times.isExpired(["post:a"], 2500, 4000)).toBe(false);
    expect(times.latestExpiry(["post:a", "other"])).toBe(1000);
  });

  it("let entries be served stale until a profile's expire has passed", () => {
    const times = new TagTimes();
    times.apply("posts", 1n, 60, 1000);
    expect(times.isStale(["posts"], 500)).toBe(true);
    expect(times.isExpired(["posts"], 500, 2000)).toBe(false);
    expect(times.isExpired(["posts"], 500, 61_001)).toBe(true);
    expect(staleSecondsOf(undefined)).toBe(0);
    expect(staleSecondsOf({ expire: 0 })).toBe(0);
    expect(staleSecondsOf({ expire: Infinity })).toBe(365 * 24 * 3600);
  });

  it("split a long list of tags into notifications PostgreSQL accepts", () => {
    const tags = Array.from({ length: 300 }, (_, index) => `post:${"x".repeat(150)}-${index}`);
    const batches = notificationBatches(tags);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(tags);
    for (const batch of batches) expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThan(8000);
  });
});

describe("invalidation through the database", () => {
  it("reaches every listening process, and a process started later loads it from the table", async () => {
    const first = await startListener();
    const second = await startListener();
    const before = Date.now() - 1;
    const written = await writeTagInvalidations(pool, ["post:shared", "posts", "posts"]);
    expect(written.map((row) => row.tag).sort()).toEqual(["post:shared", "posts"]);
    for (const listener of [first, second]) {
      expect(await eventually(() => listener.times.isExpired(["post:shared"], before, Date.now()))).toBe(true);
    }
    const late = await startListener();
    expect(late.times.isExpired(["posts"], before, Date.now())).toBe(true);
  });

  it("carries hundreds of long tags in several notifications", async () => {
    const listener = await startListener();
    const tags = Array.from({ length: 200 }, (_, index) => `tag:${"y".repeat(120)}-${index}`);
    const before = Date.now() - 1;
    await writeTagInvalidations(pool, tags);
    expect(await eventually(() => tags.every((tag) => listener.times.isExpired([tag], before, Date.now())))).toBe(true);
  });

  it("after the listening connection is cut: not live, then back, with what changed meanwhile reloaded", async () => {
    const listener = await startListener();
    const reloadsBefore = listener.reloads;
    // Held in a transaction with the cut, so its notification goes out while no connection listens.
    const client = await pool.connect();
    const before = Date.now() - 1;
    try {
      await client.query("BEGIN");
      await writeTagInvalidations(client, ["post:while-cut"]);
      expect(await cutListeners()).toBeGreaterThanOrEqual(1);
      expect(await eventually(() => !listener.isLive())).toBe(true);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    expect(await eventually(() => listener.isLive(), 5000)).toBe(true);
    expect(listener.reloads).toBe(reloadsBefore + 1);
    expect(listener.times.isExpired(["post:while-cut"], before, Date.now())).toBe(true);
    const after = Date.now() - 1;
    await writeTagInvalidations(pool, ["post:after-cut"]);
    expect(await eventually(() => listener.times.isExpired(["post:after-cut"], after, Date.now()))).toBe(true);
  });
});

describe("the 'use cache' handler", () => {
  it("serves an entry until another process invalidates one of its tags, and nothing while it cannot listen", async () => {
    const handler = createUseCacheHandler();
    expect(await sharedCacheTags().whenTrusted(5000)).toBe(true);
    await handler.refreshTags();
    await handler.set("key-a", Promise.resolve(entry(["post:cached", "site"])));
    const hit = await handler.get("key-a", []);
    expect(hit).toBeDefined();
    expect(await new Response(hit!.value).text()).toBe("cached bytes");
    // A second read gets its own stream over the same bytes.
    expect(await new Response((await handler.get("key-a", []))!.value).text()).toBe("cached bytes");

    await writeTagInvalidations(pool, ["post:cached"]); // as another process or the worker would
    expect(await eventually(() => sharedCacheTags().times.latestExpiry(["post:cached"]) > 0)).toBe(true);
    expect(await handler.get("key-a", [])).toBeUndefined();

    await handler.set("key-b", Promise.resolve(entry(["post:other"])));
    expect(await handler.get("key-b", [])).toBeDefined();
    await cutListeners();
    expect(await eventually(() => !sharedCacheTags().isTrusted())).toBe(true);
    expect(await handler.get("key-b", [])).toBeUndefined();
    expect(await eventually(() => sharedCacheTags().isTrusted(), 5000)).toBe(true);
    // Reloaded: nothing changed for this entry's tag, so it is served again.
    expect(await handler.get("key-b", [])).toBeDefined();
  });

  it("shares its own invalidations (updateTag) and reports soft-tag expiry", async () => {
    const handler = createUseCacheHandler();
    const other = await startListener();
    const before = Date.now() - 1;
    await handler.set("key-c", Promise.resolve(entry(["comments:1"], before)));
    await handler.updateTags(["comments:1", "_N_T_/posts/x"]);
    expect(await handler.get("key-c", [])).toBeUndefined();
    expect(await handler.getExpiration(["_N_T_/posts/x"])).toBeGreaterThan(before);
    expect(await eventually(() => other.times.isExpired(["comments:1"], before, Date.now()))).toBe(true);
    const { rows } = await pool.query(`SELECT tag, "expireSeconds" FROM "CacheTag" WHERE tag = 'comments:1'`);
    expect(rows).toEqual([{ tag: "comments:1", expireSeconds: 0 }]);
  });

  it("drops the least recently used entries past its size bound", async () => {
    const handler = createUseCacheHandler(100);
    await handler.set("one", Promise.resolve({ ...entry(["t"]), value: new Response("a".repeat(40)).body! }));
    await handler.set("two", Promise.resolve({ ...entry(["t"]), value: new Response("b".repeat(40)).body! }));
    expect(await handler.get("one", [])).toBeDefined();
    await handler.set("three", Promise.resolve({ ...entry(["t"]), value: new Response("c".repeat(40)).body! }));
    expect(await handler.get("two", [])).toBeUndefined();
    expect(await handler.get("one", [])).toBeDefined();
    expect(await handler.get("three", [])).toBeDefined();
  });
});
