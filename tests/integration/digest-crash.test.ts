// Exactly once across crashes: `npm run digest -- --now` runs in child processes that are SIGKILLed
// at chosen points, then restarted; and two worker processes run the same digest at once.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "../helpers/database";
import { startTestSmtpServer, type TestSmtpServer } from "./digest-smtp-server";
import { createActiveSubscribers, createProfile, createPublishedPost, hoursAgo } from "./digest-fixtures";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const BATCH = 4;
const CONCURRENCY = 2;

let databaseUrl: string;
let dataDir: string;
let smtp: TestSmtpServer;
/** Called with the running count after each message is fully received, before it is acknowledged. */
let onMessage: (count: number) => void = () => {};
let countAtTestStart = 0;

beforeAll(async () => {
  databaseUrl = await useTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "docket-digest-crash-"));
  smtp = await startTestSmtpServer({ beforeAccept: (_message, count) => onMessage(count - countAtTestStart) });
});

afterAll(async () => {
  await smtp.close();
});

beforeEach(async () => {
  smtp.messages.length = 0;
  countAtTestStart = smtp.count();
  onMessage = () => {};
  await db().digestRun.deleteMany();
  await db().subscriber.deleteMany();
  await db().post.deleteMany();
  const author = await createProfile("Sam Author");
  await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
});

type DigestProcess = { child: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> };

const NOW_ARGS = ["--now", "--quiet", `--batch-size=${BATCH}`, `--concurrency=${CONCURRENCY}`, "--stale-after-seconds=1", "--retry-delays-ms=50"];

function startDigestProcess(args = NOW_ARGS): DigestProcess {
  const child = spawn(
    process.execPath,
    ["--disable-warning=ExperimentalWarning", "--import", "./scripts/register.mjs", "scripts/digest.ts", ...args],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DOCKET_DATA_DIR: dataDir,
        SMTP_URL: smtp.url,
        SMTP_RATE_PER_SECOND: "10000",
        SITE_URL: "https://docket.example",
        NEXTAUTH_SECRET: "digest-crash-secret-digest-crash-secret-01",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.on("exit", (code, signal) => {
      // A killed worker's errors too: one that failed before the kill would explain a surprising count.
      if (stderr.trim()) console.error(`[digest process, exit ${code ?? signal}] ${stderr}`);
      resolve({ code, signal, stdout });
    }),
  );
  return { child, exit };
}

/** Runs a digest process and SIGKILLs it as the `killAt`-th message (counted over the whole test) arrives. */
async function runAndKillAt(killAt: number) {
  const worker = startDigestProcess();
  onMessage = (count) => {
    if (count === killAt) worker.child.kill("SIGKILL");
  };
  const result = await worker.exit;
  onMessage = () => {};
  return result;
}

async function runToEnd() {
  const result = await startDigestProcess().exit;
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout.trim().split("\n").at(-1) as string) as { status: string; resumed: boolean; sent: number; uncertain: number; sentByThisProcess: number };
}

/** Nobody got two; every SENT delivery arrived once with its Message-ID; the rest are reported UNCERTAIN. */
async function expectExactlyOnce(audience: number, maxUncertain: number) {
  const received = new Map<string, number>();
  for (const message of smtp.messages) received.set(message.to[0], (received.get(message.to[0]) ?? 0) + 1);
  expect(Math.max(...received.values())).toBe(1);

  const run = await db().digestRun.findFirstOrThrow({ include: { deliveries: { include: { subscriber: { select: { email: true } } } } } });
  expect(run.status).toBe("COMPLETED");
  expect(run.deliveries).toHaveLength(audience);
  const uncertain = run.deliveries.filter((delivery) => delivery.status === "UNCERTAIN");
  const sent = run.deliveries.filter((delivery) => delivery.status === "SENT");
  expect(sent.length + uncertain.length).toBe(audience);
  // On failure, say why each was written off (a stale claim, or an SMTP error in a live worker).
  const reasons = uncertain.map((delivery) => `${delivery.subscriber.email}: ${delivery.error}`).join("\n");
  expect(uncertain.length, reasons).toBeLessThanOrEqual(maxUncertain);
  expect(run).toMatchObject({ sentCount: sent.length, uncertainCount: uncertain.length });
  const rawById = new Map(smtp.messages.map((message) => [message.raw.toString("utf8").match(/^Message-ID: (<[^>]+>)/im)?.[1], message.to[0]]));
  for (const delivery of sent) {
    expect(received.get(delivery.subscriber.email)).toBe(1);
    expect(rawById.get(delivery.messageId as string)).toBe(delivery.subscriber.email);
  }
  // Everyone not reported uncertain got their digest.
  const notReached = run.deliveries.filter((delivery) => !received.has(delivery.subscriber.email));
  for (const delivery of notReached) expect(delivery.status).toBe("UNCERTAIN");
  return { uncertain: uncertain.length, received: received.size };
}

describe("a digest worker killed mid-run", () => {
  it.each([
    { name: "right after the first email", kills: [1] },
    { name: "in the middle of a batch", kills: [7] },
    { name: "at a batch boundary, then again after the restart", kills: [BATCH * CONCURRENCY, 23] },
  ])("$name: after a restart everyone has exactly one digest or is reported uncertain", async ({ kills }) => {
    await createActiveSubscribers(40);
    for (const killAt of kills) {
      const result = await runAndKillAt(killAt);
      expect(result.signal).toBe("SIGKILL");
    }
    const before = smtp.messages.length;
    const summary = await runToEnd();
    expect(summary).toMatchObject({ status: "COMPLETED", resumed: true });
    expect(summary.sentByThisProcess).toBe(smtp.messages.length - before);
    // Uncertain: handed to SMTP but not yet recorded (results are recorded per batch). Missed: only
    // a message in flight at a kill, at most one per send loop; claimed ones never handed over are sent.
    const { uncertain, received } = await expectExactlyOnce(40, kills.length * BATCH * CONCURRENCY);
    expect(40 - received).toBeLessThanOrEqual(kills.length * CONCURRENCY);
    // The message in flight at each kill reached the server but was never acknowledged: reported, not resent.
    expect(uncertain).toBeGreaterThanOrEqual(kills.length);
  }, 120_000);

  it("killed after freezing the audience and before sending anything: the restart sends to all", async () => {
    await createActiveSubscribers(25);
    const worker = startDigestProcess();
    for (;;) {
      if ((await db().digestDelivery.count()) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    worker.child.kill("SIGKILL");
    await worker.exit;
    const summary = await runToEnd();
    expect(summary.resumed).toBe(true);
    // Claimed but never handed to SMTP: sent by the restart, not written off as uncertain.
    const { received } = await expectExactlyOnce(25, BATCH * CONCURRENCY);
    expect(25 - received).toBeLessThanOrEqual(CONCURRENCY);
  }, 120_000);
});

describe("two digest worker processes at once", () => {
  it("share the run and send every subscriber exactly one email", async () => {
    await createActiveSubscribers(60);
    const [first, second] = await Promise.all([runToEnd(), runToEnd()]);
    expect(first.sentByThisProcess + second.sentByThisProcess).toBe(60);
    const { uncertain, received } = await expectExactlyOnce(60, 0);
    expect(uncertain).toBe(0);
    expect(received).toBe(60);
    expect(await db().digestRun.count()).toBe(1);
  }, 120_000);
});

describe("npm run digest -- --dry-run", () => {
  it("prints the window, the posts and who would get which, and records and sends nothing", async () => {
    await createActiveSubscribers(3, "dry");
    const result = await startDigestProcess(["--dry-run"]).exit;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Next digest window: \S+ → \S+$/m);
    expect(result.stdout).toContain("#1 Fresh (");
    expect(result.stdout).toContain("dry1@example.test: #1");
    expect(result.stdout).toContain("3 subscriber(s) would get a digest. Nothing was sent or recorded.");
    expect(await db().digestRun.count()).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  }, 60_000);

  it("rejects unknown or conflicting options with the usage text", async () => {
    const result = await startDigestProcess(["--dry-run", "--now"]).exit;
    expect(result.code).toBe(2);
  }, 60_000);
});
