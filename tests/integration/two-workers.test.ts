// Two worker processes on one database, as two machines each running `npm start` have: pg-boss
// hands them the same jobs at once, and each scheduled post is still published (and its authors
// told) once, and each digest window is sent once, one email per subscriber.
import type { ChildProcess } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startService, stopProcess } from "../../scripts/lib/services";
import { useTestDatabase } from "../helpers/database";
import { createActiveSubscribers, createProfile, createPublishedPost, hoursAgo } from "./digest-fixtures";
import { createCast, createTestPost, TEST_SITE, useTestSettings } from "./editorial-fixtures";

let databaseUrl: string;
let dataDir: string;
let client: PgBoss;
const workers: ChildProcess[] = [];

async function workerConnections(): Promise<string[]> {
  const connection = new pg.Client({ connectionString: databaseUrl });
  await connection.connect();
  try {
    const { rows } = await connection.query<{ name: string }>(
      "SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'docket-worker-%'",
    );
    return rows.map((row) => row.name).sort();
  } finally {
    await connection.end();
  }
}

beforeAll(async () => {
  databaseUrl = await useTestDatabase();
  dataDir = await useTestSettings();
  for (const number of [1, 2]) {
    const env = { ...process.env, DATABASE_URL: databaseUrl, DOCKET_DATA_DIR: dataDir, NEXTAUTH_URL: TEST_SITE, SITE_URL: TEST_SITE, PGAPPNAME: `docket-worker-${number}` };
    workers.push(
      startService(`worker ${number}`, "node_modules/.bin/node", ["--disable-warning=ExperimentalWarning", "--import", "./scripts/register.mjs", "src/jobs/worker.ts"], env, path.join(dataDir, `worker-${number}.log`)),
    );
  }
  // Both have started pg-boss (each polls its queues from then on).
  for (let attempt = 0; attempt < 1500 && (await workerConnections()).length < 2; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await workerConnections()).toEqual(["docket-worker-1", "docket-worker-2"]);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  client = new PgBoss({ connectionString: databaseUrl, supervise: false, schedule: false, max: 2 });
  await client.start();
}, 200_000);

afterAll(async () => {
  await client?.stop({ graceful: false });
  await Promise.all(workers.map((worker) => stopProcess(worker)));
});

/** Sends the job `times` at once and waits until every copy has run. */
async function runConcurrently(name: string, times: number) {
  const ids = await Promise.all(Array.from({ length: times }, () => client.send(name, {})));
  for (let attempt = 0; attempt < 900; attempt++) {
    const jobs = await Promise.all(ids.map((id) => client.getJobById(name, id!)));
    const states = jobs.map((job) => job?.state);
    if (states.every((state) => state === "completed")) return;
    expect(states.filter((state) => state === "failed")).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not complete`);
}

async function outboxRecipients(): Promise<{ to: string; subject: string }[]> {
  const folder = path.join(dataDir, "outbox");
  const files = (await readdir(folder).catch(() => [] as string[])).filter((file) => file.endsWith(".eml"));
  return Promise.all(
    files.map(async (file) => {
      const raw = await readFile(path.join(folder, file), "utf8");
      return { to: raw.match(/^To: (.+)$/m)?.[1].trim() ?? "", subject: (await simpleParser(raw)).subject ?? "" };
    }),
  );
}

describe("two workers", () => {
  it("publish each scheduled post once, and tell its author once", { timeout: 120_000 }, async () => {
    const cast = await createCast();
    const posts = [];
    for (const owner of [cast.AUTHOR, cast.OTHER, cast.AUTHOR]) {
      const post = await createTestPost(owner, "SCHEDULED");
      await db().post.update({ where: { id: post.id }, data: { scheduledFor: new Date(Date.now() - 60_000) } });
      posts.push(post);
    }
    await runConcurrently("publish-scheduled", 6);

    for (const post of posts) {
      expect(await db().post.findUnique({ where: { id: post.id }, select: { status: true } })).toEqual({ status: "PUBLISHED" });
      expect(await db().auditLog.count({ where: { entityId: post.id, action: "post.published-on-schedule" } })).toBe(1);
    }
    const published = (await outboxRecipients()).filter((mail) => /^Published:/.test(mail.subject));
    expect(published.map((mail) => mail.to).sort()).toEqual(["author@docket.test", "author@docket.test", "other@docket.test"]);
    // The reader pages were invalidated through the database, where every web process hears of it.
    const tags = await db().$queryRaw<{ tag: string }[]>`SELECT tag FROM "CacheTag" WHERE tag = ANY(${posts.map((post) => `post:${post.slug}`)})`;
    expect(tags).toHaveLength(3);
  });

  it("run one digest for a window and email each subscriber once", { timeout: 120_000 }, async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh from the courts", publishedAt: hoursAgo(1), authorIds: [author.id] });
    await createActiveSubscribers(40, "twoworkers");
    await runConcurrently("digest", 4);

    const runs = await db().digestRun.findMany({ orderBy: { windowStart: "asc" } });
    const sent = runs.filter((run) => run.status === "COMPLETED");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ audienceSize: 40, sentCount: 40 });
    // Any later run covers only the time after it, and found nothing new.
    for (const run of runs.slice(runs.indexOf(sent[0]) + 1)) {
      expect(run.status).toBe("EMPTY");
      expect(run.windowStart.getTime()).toBeGreaterThanOrEqual(sent[0].windowEnd.getTime());
    }
    const digests = (await outboxRecipients()).filter((mail) => mail.to.startsWith("twoworkers"));
    expect(digests).toHaveLength(40);
    expect(new Set(digests.map((mail) => mail.to)).size).toBe(40);
  });
});
