// Exactly once across crashes: `npm run digest -- --now` runs in child processes that are SIGKILLed
// at chosen points, then restarted; and two worker processes run the same digest at once. Each kill
// is reported: the messages in flight (handed to SMTP, answer not recorded), how many of them were
// reported uncertain (and how many of those had reached the server), and how many were missed:
// neither delivered nor reported, so nobody would ever know to resend them. Missed must be 0.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "../helpers/database";
import { startTestSmtpServer, type TestSmtpServer } from "./digest-smtp-server";
import { createActiveSubscribers, createProfile, createPublishedPost, hoursAgo } from "./digest-fixtures";
import { digestMessageId } from "@/features/digest/content";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const BATCH = 4;
const CONCURRENCY = 2;

let databaseUrl: string;
let dataDir: string;
let smtp: TestSmtpServer;
/** Called with the running count after each message is fully received, before it is acknowledged. */
let onMessage: (count: number) => void = () => {};
/** Called at each RCPT TO, before it is answered: that message has not begun. */
let onRecipient: (address: string) => void = () => {};
let countAtTestStart = 0;
/** The workers' connections carry this name, so a test can wait until a killed worker's are gone. */
const WORKER_APP_NAME = "docket-digest-crash-worker";

/** What each kill left behind: the deliveries handed over whose answer was not recorded. */
type Kill = { at: string; inFlight: Set<string> };
let killLog: Kill[] = [];

beforeAll(async () => {
  databaseUrl = await useTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "docket-digest-crash-"));
  smtp = await startTestSmtpServer({
    beforeAccept: (_message, count) => onMessage(count - countAtTestStart),
    beforeRecipient: (address) => onRecipient(address),
  });
});

afterAll(async () => {
  await smtp.close();
});

beforeEach(async () => {
  smtp.messages.length = 0;
  countAtTestStart = smtp.count();
  onMessage = () => {};
  onRecipient = () => {};
  killLog = [];
  await db().digestRun.deleteMany();
  await db().subscriber.deleteMany();
  await db().post.deleteMany();
  const author = await createProfile("Sam Author");
  await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
});

type DigestProcess = { child: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> };

const NOW_ARGS = ["--now", "--quiet", `--batch-size=${BATCH}`, `--concurrency=${CONCURRENCY}`, "--stale-after-seconds=1", "--retry-delays-ms=50"];

function startDigestProcess(args = NOW_ARGS, extraEnv: Record<string, string> = {}): DigestProcess {
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
        PGAPPNAME: WORKER_APP_NAME,
        ...extraEnv,
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

/**
 * A killed worker's statements already on their way to PostgreSQL still run to the end: wait until
 * its connections are gone, then note what it left in flight (handed over, answer not recorded).
 */
async function recordKill(at: string) {
  for (;;) {
    const [{ count }] = await db().$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS "count" FROM pg_stat_activity WHERE datname = current_database() AND application_name = ${WORKER_APP_NAME}`;
    if (count === 0n) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const rows = await db().digestDelivery.findMany({ where: { status: "SENDING", sentAt: { not: null } }, select: { id: true } });
  const earlier = new Set(killLog.flatMap((kill) => [...kill.inFlight]));
  killLog.push({ at, inFlight: new Set(rows.map((row) => row.id).filter((id) => !earlier.has(id))) });
}

/** Runs a digest process and SIGKILLs it as the `killAt`-th message (counted over the whole test) arrives. */
async function runAndKillAt(killAt: number, args = NOW_ARGS) {
  const worker = startDigestProcess(args);
  onMessage = (count) => {
    if (count === killAt) worker.child.kill("SIGKILL");
  };
  const result = await worker.exit;
  onMessage = () => {};
  await recordKill(`message ${killAt}`);
  return result;
}

type KillReport = { kill: number; at: string; inFlight: number; uncertain: number; uncertainReceived: number; missed: number };

/**
 * Per kill, once the run is over: in flight, how many of those ended UNCERTAIN (and how many of
 * those the server had in fact received), and how many were missed (not received and not reported).
 */
async function reportKills(label: string): Promise<KillReport[]> {
  const deliveries = await db().digestDelivery.findMany({ select: { id: true, status: true, subscriber: { select: { email: true } } } });
  const byId = new Map(deliveries.map((delivery) => [delivery.id, delivery]));
  const received = new Set(smtp.messages.map((message) => message.to[0]));
  const rows = killLog.map((kill, index) => {
    const uncertain = [...kill.inFlight].filter((id) => byId.get(id)?.status === "UNCERTAIN");
    const reached = (id: string) => received.has(byId.get(id)?.subscriber.email as string);
    const missed = [...kill.inFlight].filter((id) => !reached(id) && byId.get(id)?.status !== "UNCERTAIN");
    return { kill: index + 1, at: kill.at, inFlight: kill.inFlight.size, uncertain: uncertain.length, uncertainReceived: uncertain.filter(reached).length, missed: missed.length };
  });
  const lines = rows.map(
    (row) => `  kill ${row.kill} (${row.at}): in flight ${row.inFlight}, uncertain ${row.uncertain} (${row.uncertainReceived} had reached the server), missed ${row.missed}`,
  );
  console.log(`[digest crash] ${label}\n${lines.join("\n")}`);
  // Every delivery reported uncertain is one a kill left in flight.
  expect(deliveries.filter((delivery) => delivery.status === "UNCERTAIN").length).toBe(rows.reduce((sum, row) => sum + row.uncertain, 0));
  return rows;
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
  // Headers unfolded first: a long Message-ID is folded onto a second line (RFC 5322).
  const rawById = new Map(smtp.messages.map((message) => [message.raw.toString("utf8").replace(/\r?\n[ \t]+/g, " ").match(/^Message-ID: (<[^>]+>)/im)?.[1], message.to[0]]));
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
  ])("$name: after a restart everyone has exactly one digest or is reported uncertain", async ({ name, kills }) => {
    await createActiveSubscribers(40);
    for (const killAt of kills) {
      const result = await runAndKillAt(killAt);
      expect(result.signal).toBe("SIGKILL");
    }
    const before = smtp.messages.length;
    const summary = await runToEnd();
    expect(summary).toMatchObject({ status: "COMPLETED", resumed: true });
    expect(summary.sentByThisProcess).toBe(smtp.messages.length - before);
    // Uncertain: handed to SMTP but not yet recorded, at most one per send loop per kill; claimed ones
    // never handed over are sent by the restart.
    const { uncertain, received } = await expectExactlyOnce(40, kills.length * CONCURRENCY);
    expect(40 - received).toBeLessThanOrEqual(kills.length * CONCURRENCY);
    // The message in flight at each kill reached the server but was never acknowledged: reported, not resent.
    expect(uncertain).toBeGreaterThanOrEqual(kills.length);
    // Results are recorded as they happen: a kill leaves at most one unknown fate per send loop.
    for (const row of await reportKills(name)) expect(row, `kill ${row.kill}`).toMatchObject({ missed: 0, uncertain: row.inFlight });
    for (const row of killLog) expect(row.inFlight.size).toBeLessThanOrEqual(CONCURRENCY);
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

describe("a digest worker killed again and again", () => {
  it("five times in one run: at most one unknown fate per send loop, nobody missed, and a resend reaches the rest", async () => {
    await createActiveSubscribers(40);
    for (const killAt of [3, 9, 16, 22, 29]) {
      const result = await runAndKillAt(killAt);
      expect(result.signal).toBe("SIGKILL");
    }
    expect(await runToEnd()).toMatchObject({ status: "COMPLETED", resumed: true });
    await expectExactlyOnce(40, 5 * CONCURRENCY);
    for (const row of await reportKills("five kills")) {
      expect(row.inFlight, `kill ${row.kill}`).toBeLessThanOrEqual(CONCURRENCY);
      expect(row, `kill ${row.kill}`).toMatchObject({ missed: 0, uncertain: row.inFlight });
    }
    // The editor's resend: everyone has the digest; only uncertain ones can have two, with one Message-ID.
    const run = await db().digestRun.findFirstOrThrow({ include: { deliveries: { where: { status: "UNCERTAIN" }, include: { subscriber: true } } } });
    expect((await startDigestProcess(["--resend-uncertain", run.id, "--yes", "--quiet"]).exit).code).toBe(0);
    const copies = new Map<string, number>();
    for (const message of smtp.messages) copies.set(message.to[0], (copies.get(message.to[0]) ?? 0) + 1);
    expect(copies.size).toBe(40);
    const uncertainAddresses = new Set(run.deliveries.map((delivery) => delivery.subscriber.email));
    for (const [address, count] of copies) expect(count, address).toBe(uncertainAddresses.has(address) ? count : 1);
    expect(Math.max(...copies.values())).toBeLessThanOrEqual(2);
  }, 240_000);

  it("killed while the server reads a message's envelope: that message, never finished, is reported uncertain or sent again, never lost", async () => {
    await createActiveSubscribers(12);
    const oneLoop = [...NOW_ARGS.filter((arg) => !arg.startsWith("--concurrency")), "--concurrency=1"];
    const worker = startDigestProcess(oneLoop);
    let recipients = 0;
    let killedDuring = "";
    onRecipient = (address) => {
      recipients += 1;
      if (recipients !== 6) return;
      killedDuring = address;
      worker.child.kill("SIGKILL");
    };
    expect((await worker.exit).signal).toBe("SIGKILL");
    onRecipient = () => {};
    await recordKill(`RCPT TO of message 6 (${killedDuring})`);
    await runToEnd();
    await expectExactlyOnce(12, 1);
    // Its handover (which also records the previous message's result) is written while the envelope is
    // exchanged. Written before the kill: the worker cannot know this message's fate, so it is reported.
    // Not yet written: the message was never finished (its last line waits for the write), so the
    // restart sends it, once; and the previous message, whose result was in that write, is the one
    // reported. Either way one delivery at most is uncertain, and nobody is missed.
    const [row] = await reportKills("killed during an envelope, one send loop");
    expect(row).toMatchObject({ uncertain: row.inFlight, missed: 0 });
    expect(row.inFlight).toBeLessThanOrEqual(1);
    const copies = smtp.messages.filter((message) => message.to[0] === killedDuring).length;
    const delivery = await db().digestDelivery.findFirstOrThrow({ where: { subscriber: { email: killedDuring } } });
    expect({ status: delivery.status, copies }).toEqual(delivery.status === "UNCERTAIN" ? { status: "UNCERTAIN", copies: 0 } : { status: "SENT", copies: 1 });
  }, 120_000);
});

/** A port on this machine where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("npm run digest -- --now with the mail server unreachable", () => {
  it("says at once which server, why and when the next attempt is, without the password, and tries nobody", async () => {
    await createActiveSubscribers(30, "waiting");
    const port = await closedPort();
    const args = ["--now", `--batch-size=${BATCH}`, `--concurrency=${CONCURRENCY}`, "--retry-delays-ms=600000"];
    const worker = startDigestProcess(args, { SMTP_URL: `smtp://digest-user:Sup3r-s3cret-pw@127.0.0.1:${port}` });
    let stderr = "";
    worker.child.stderr?.on("data", (chunk) => (stderr += chunk));
    // "At once": the line comes while the process waits for its first retry, ten minutes away, and
    // before it has tried anyone (checked below); how many seconds that takes depends on the machine.
    while (!stderr.includes("next attempt at")) await new Promise((resolve) => setTimeout(resolve, 20));
    worker.child.kill("SIGKILL");
    await worker.exit;
    expect(stderr).toContain(`Could not reach the SMTP server 127.0.0.1:${port} (ECONNREFUSED: connection refused: nothing listens on that port); next attempt at `);
    expect(stderr).toMatch(/next attempt at \d\d:\d\d:\d\d (GMT|BST) \(in 10 min\)\./);
    expect(stderr).not.toContain("Sup3r-s3cret-pw");
    // The server was checked before anything was claimed: no delivery was tried or lost an attempt.
    expect(await db().digestDelivery.count({ where: { OR: [{ attempts: { gt: 0 } }, { status: { not: "PENDING" } }] } })).toBe(0);
  }, 60_000);
});

describe("npm run digest -- --resend-uncertain RUN_ID", () => {
  it("warns, asks for --yes without a terminal, then resends with the same Message-ID and an audit entry", async () => {
    await createActiveSubscribers(8);
    await runAndKillAt(3);
    await runToEnd();
    const run = await db().digestRun.findFirstOrThrow({ include: { deliveries: { where: { status: "UNCERTAIN" }, include: { subscriber: true } } } });
    expect(run.deliveries.length).toBeGreaterThanOrEqual(1);
    const before = smtp.messages.length;

    const asking = startDigestProcess(["--resend-uncertain", run.id, "--quiet"]);
    let warned = "";
    asking.child.stderr?.on("data", (chunk) => (warned += chunk));
    const refused = await asking.exit;
    expect(refused.code).toBe(2);
    // What the run recorded, not a guess: the count, and why the answer is unknown.
    const count = run.deliveries.length;
    expect(warned).toContain(`Warning: This run recorded ${count} ${count === 1 ? "email" : "emails"} the worker was sending when it stopped (each the one message on its connection to the mail server).`);
    expect(warned).not.toMatch(/probably/);
    expect(warned).toContain("Nothing was sent. Run it again with --yes to send them.");
    expect(await db().digestDelivery.count({ where: { status: "UNCERTAIN" } })).toBe(run.deliveries.length);
    expect(smtp.messages.length).toBe(before);

    const resent = await startDigestProcess(["--resend-uncertain", run.id, "--yes", "--quiet"]).exit;
    expect(resent.code).toBe(0);
    expect(resent.stdout).toContain(`Resent run ${run.id}: ${run.deliveries.length} of ${run.deliveries.length} sent again`);
    for (const delivery of run.deliveries) {
      const copies = smtp.messages.slice(before).filter((message) => message.to[0] === delivery.subscriber.email);
      expect(copies).toHaveLength(1);
      const id = copies[0].raw.toString("utf8").replace(/\r?\n[ \t]+/g, " ").match(/^Message-ID: (<[^>]+>)/im)?.[1];
      expect(id).toBe(digestMessageId(run.id, delivery.subscriberId));
      expect(await db().digestDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "SENT", messageId: id });
    }
    expect(await db().digestRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "COMPLETED", uncertainCount: 0, sentCount: 8 });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "digest.resendUncertain", entityId: run.id } });
    expect(audit).toMatchObject({ actorId: null, entityType: "DigestRun", details: { deliveries: run.deliveries.length, via: "command line" } });
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
