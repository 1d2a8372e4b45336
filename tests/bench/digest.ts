// `npm run bench:digest [-- --sizes=10000,100000 --connections=5 --rounds=3]`: seeds N subscribers and 5 new posts
// in a throwaway PostgreSQL, runs the digest into a local SMTP server that accepts and discards, and
// compares it with the transport's ceiling: N ready-made messages pushed by nodemailer's pooled SMTP
// transport over as many connections into the same server, the two in turns (--rounds each). Prints the
// medians of emails/s and time, the peak RSS, and the ratio.
//
// `npm run bench:digest -- --kills 15 --subscribers 3000`: runs `npm run digest -- --now` in a child
// process and SIGKILLs it 15 times during one run (as the 1/16th, 2/16th… message arrives), restarting
// it each time, then lets the last one finish. Prints, per kill and in total: the messages in flight
// (handed to the server, answer not recorded), how many were reported uncertain, how many of those
// were delivered anyway, and how many were missed (neither delivered nor reported); then duplicates,
// and the same after the editor's resend of the uncertain ones (`--resend-uncertain RUN --yes`).
import { fork, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations } from "../../src/lib/schema-engine";
import { startTestPostgres } from "../helpers/postgres-server";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    connections: { type: "string", default: "5" },
    posts: { type: "string", default: "5" },
    kills: { type: "string" },
    subscribers: { type: "string", default: "3000" },
    concurrency: { type: "string" },
    "batch-size": { type: "string" },
    rounds: { type: "string", default: "3" },
  },
});
const sizes = values.sizes.split(",").map((size) => Number(size.trim()));
const connections = Number(values.connections);
const postCount = Number(values.posts);
const kills = values.kills === undefined ? undefined : Number(values.kills);
const subscribers = Number(values.subscribers);
const rounds = Number(values.rounds);
const wholeNumbers = [connections, subscribers, rounds, ...(kills === undefined ? [] : [kills + 1])];
if (sizes.some((size) => !Number.isInteger(size) || size < 1) || wholeNumbers.some((number) => !Number.isInteger(number) || number < 1)) {
  console.error("--sizes takes whole numbers separated by commas; --connections, --kills, --subscribers and --rounds whole numbers");
  process.exit(2);
}

process.env.SITE_URL = "https://docket.example";
process.env.SITE_NAME = "Docket";
process.env.MAIL_FROM = "Docket <digest@docket.example>";
process.env.NEXTAUTH_SECRET = "benchmark-secret-benchmark-secret-benchmark";

/** Samples this process's RSS every 20 ms while `work` runs, and counts the CPU time it takes. */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMb: number; cpuSeconds: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await work();
    const used = process.cpuUsage(cpu);
    return { result, seconds: (performance.now() - started) / 1000, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024, cpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

type DiscardServer = {
  url: string;
  count: () => Promise<number>;
  /** How many messages each address received. */
  recipients: () => Promise<Map<string, number>>;
  /** SIGKILL `pid` as the `count`-th message (counted since the server started) arrives. */
  killAt: (pid: number, count: number) => Promise<void>;
  close: () => Promise<void>;
};

async function startDiscardSmtpServer(): Promise<DiscardServer> {
  const child: ChildProcess = fork(new URL("./discard-smtp-server.ts", import.meta.url), { execArgv: ["--import", "./scripts/register.mjs"] });
  const [ready] = (await once(child, "message")) as [{ url: string }];
  return {
    url: ready.url,
    count: async () => {
      child.send("count");
      const [reply] = (await once(child, "message")) as [{ count: number }];
      return reply.count;
    },
    recipients: async () => {
      child.send("recipients");
      const [reply] = (await once(child, "message")) as [{ recipients: [string, number][] }];
      return new Map(reply.recipients);
    },
    killAt: async (pid, count) => {
      child.send({ killAt: { pid, count } });
      await once(child, "message");
    },
    close: async () => {
      child.send("close");
      await once(child, "exit");
    },
  };
}

async function seedPosts(db: typeof import("../../src/lib/db").db, fixtures: typeof import("../integration/digest-fixtures")) {
  await db().$executeRawUnsafe(`TRUNCATE "DigestDelivery", "DigestRun", "Subscriber", "PostAuthor", "Post", "AuthorProfile", "Series" CASCADE`);
  const author = await fixtures.createProfile("Bench Author");
  const series = await fixtures.createSeries("Why I tweet");
  const posts = [];
  for (let index = 0; index < postCount; index++) {
    posts.push(
      await fixtures.createPublishedPost({
        title: `Benchmark post number ${index + 1} about probation and prisons`,
        standfirst: "A guest writer introduces the week's theme in a paragraph of about this length, as most posts do.",
        publishedAt: fixtures.hoursAgo(postCount - index),
        authorIds: [author.id],
        seriesId: index % 2 === 0 ? series.id : undefined,
        seriesPosition: index % 2 === 0 ? index + 1 : undefined,
      }),
    );
  }
  return posts;
}

const WORKER_APP_NAME = "docket-bench-digest-worker";

/** `npm run digest -- --now` in a child process, as an operator would run it. */
function startDigestWorker(
  env: Record<string, string>,
  args = ["--now", "--quiet", "--stale-after-seconds=1"],
): { child: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  if (values.concurrency) args = [...args, `--concurrency=${values.concurrency}`];
  if (values["batch-size"]) args = [...args, `--batch-size=${values["batch-size"]}`];
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "--import", "./scripts/register.mjs", "scripts/digest.ts", ...args], {
    env: { ...process.env, ...env, PGAPPNAME: WORKER_APP_NAME },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      if (code !== 0 && signal === null) console.error(stderr);
      resolve({ code, signal });
    }),
  );
  return { child, exit };
}

/** The kill mode: see the top of this file. */
async function crashRun(smtp: DiscardServer, killCount: number) {
  const { db } = await import("../../src/lib/db");
  const fixtures = await import("../integration/digest-fixtures");
  await seedPosts(db, fixtures);
  await fixtures.createActiveSubscribers(subscribers, "crash-");
  const env = {
    DATABASE_URL: process.env.DATABASE_URL as string,
    DOCKET_DATA_DIR: await mkdtemp(path.join(tmpdir(), "docket-bench-crash-")),
    SMTP_URL: smtp.url,
    SMTP_RATE_PER_SECOND: "10000",
  };
  const base = await smtp.count();
  const inFlightByKill: Set<string>[] = [];
  const started = performance.now();
  for (let kill = 1; kill <= killCount; kill++) {
    const worker = startDigestWorker(env);
    await smtp.killAt(worker.child.pid as number, base + Math.round((subscribers * kill) / (killCount + 1)));
    const { signal } = await worker.exit;
    if (signal !== "SIGKILL") throw new Error(`kill ${kill}: the worker ended on its own before its message arrived`);
    // A killed worker's statements already sent still run to their end: wait for its connections to go.
    for (;;) {
      const [{ count }] = await db().$queryRaw<{ count: bigint }[]>`
        SELECT count(*) AS "count" FROM pg_stat_activity WHERE datname = current_database() AND application_name = ${WORKER_APP_NAME}`;
      if (count === 0n) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const rows = await db().digestDelivery.findMany({ where: { status: "SENDING", sentAt: { not: null } }, select: { id: true } });
    const earlier = new Set(inFlightByKill.flatMap((set) => [...set]));
    inFlightByKill.push(new Set(rows.map((row) => row.id).filter((id) => !earlier.has(id))));
  }
  const last = await startDigestWorker(env).exit;
  if (last.code !== 0) throw new Error("the last worker failed");
  const seconds = (performance.now() - started) / 1000;

  const received = await smtp.recipients();
  const deliveries = await db().digestDelivery.findMany({ select: { id: true, runId: true, status: true, subscriber: { select: { email: true } } } });
  const byId = new Map(deliveries.map((delivery) => [delivery.id, delivery]));
  const reached = (id: string) => received.has(byId.get(id)?.subscriber.email as string);
  const rows = inFlightByKill.map((inFlight, index) => {
    const uncertain = [...inFlight].filter((id) => byId.get(id)?.status === "UNCERTAIN");
    const missed = [...inFlight].filter((id) => !reached(id) && byId.get(id)?.status !== "UNCERTAIN");
    return [String(index + 1), String(inFlight.size), String(uncertain.length), String(uncertain.filter(reached).length), String(missed.length)];
  });
  const sum = (column: number) => rows.reduce((total, row) => total + Number(row[column]), 0);
  const uncertainTotal = deliveries.filter((delivery) => delivery.status === "UNCERTAIN").length;
  const sentTotal = deliveries.filter((delivery) => delivery.status === "SENT").length;
  const missedTotal = deliveries.filter((delivery) => !received.has(delivery.subscriber.email) && delivery.status !== "UNCERTAIN").length;
  const duplicates = [...received.values()].filter((count) => count > 1).length;

  const header = ["kill", "in flight", "uncertain", "uncertain, delivered anyway", "missed"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length), 6));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padStart(widths[column])).join("  ");
  const concurrency = values.concurrency ?? "5";
  console.log(
    `\nDigest crash benchmark: ${subscribers.toLocaleString("en-GB")} subscribers, ${killCount} SIGKILLs during one run, ` +
      `${concurrency} send loops (one SMTP connection each), ${seconds.toFixed(1)} s in all`,
  );
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(line(["total", String(sum(1)), String(sum(2)), String(sum(3)), String(sum(4))]));
  console.log(
    `\nRun: ${deliveries.length} deliveries, ${sentTotal} sent, ${uncertainTotal} uncertain (${uncertainTotal - sum(2)} not from a kill), ` +
      `${missedTotal} missed (not received, not reported), ${duplicates} received twice or more.`,
  );

  const runId = deliveries[0]?.runId;
  if (!runId || uncertainTotal === 0) return;
  const { describeUncertainDeliveries } = await import("../../src/features/digest/resend");
  console.log(`\nWhat the resend page says: ${await describeUncertainDeliveries(runId)}`);
  const resend = await startDigestWorker(env, ["--resend-uncertain", runId, "--yes", "--quiet"]).exit;
  if (resend.code !== 0) throw new Error("the resend failed");
  const after = await smtp.recipients();
  const uncertainAddresses = new Set(deliveries.filter((delivery) => delivery.status === "UNCERTAIN").map((delivery) => delivery.subscriber.email));
  const twice = [...after].filter(([, count]) => count > 1);
  console.log(
    `After the editor's resend of the ${uncertainTotal} uncertain: ${after.size} of ${deliveries.length} received, ` +
      `${twice.length} received twice (${twice.filter(([address]) => uncertainAddresses.has(address)).length} of them uncertain ones, same Message-ID), ` +
      `${Math.max(0, ...[...after.values()]) > 2 ? "some" : "none"} more than twice.`,
  );
}

async function main() {
  const postgres = await startTestPostgres();
  const smtp = await startDiscardSmtpServer();
  try {
    await postgres.createDatabase("docket_bench");
    await applyMigrations(postgres.url("docket_bench"));
    process.env.DATABASE_URL = postgres.url("docket_bench");
    const { db } = await import("../../src/lib/db");
    const { createMailTransport, mailServer, newMessageId } = await import("../../src/lib/mail/send");
    const { runDigest } = await import("../../src/features/digest/sender");
    const { loadDigestPosts } = await import("../../src/features/digest/data");
    const { buildDigestBody, personalizeDigest } = await import("../../src/features/digest/content");
    const fixtures = await import("../integration/digest-fixtures");

    if (kills !== undefined) {
      await crashRun(smtp, kills);
      await db().$disconnect();
      return;
    }
    const rows: string[][] = [];
    for (const size of sizes) {
      const posts = await seedPosts(db, fixtures);
      await fixtures.createActiveSubscribers(size, `bench${size}-`);
      const sample = personalizeDigest(buildDigestBody(await loadDigestPosts(posts.map((post) => post.id)), "Docket"), { id: "sample", email: "x@example.test" }, "");

      // The ceiling: the same kind of message, ready-made, pushed through a pooled transport.
      const ceilingRound = async () => {
        const ceilingTransport = createMailTransport({ smtpUrl: smtp.url, ratePerSecond: 1_000_000, maxConnections: connections });
        const before = await smtp.count();
        const ceiling = await measure(async () => {
          let next = 0;
          const worker = async () => {
            while (next < size) {
              const index = next++;
              await ceilingTransport.send({ ...sample, to: `ceiling${index}@example.test`, messageId: newMessageId(`ceiling.${index}`) });
            }
          };
          await Promise.all(Array.from({ length: connections * 4 }, worker));
        });
        ceilingTransport.close();
        const received = (await smtp.count()) - before;
        if (received !== size) throw new Error(`ceiling: the server received ${received} of ${size}`);
        return ceiling;
      };
      // The digest over the same number of connections, one send loop on each; a fresh run each round.
      const digestRound = async () => {
        await db().$executeRawUnsafe(`TRUNCATE "DigestDelivery", "DigestRun"`);
        const before = await smtp.count();
        const digest = await measure(() => runDigest({ mailServer: mailServer({ smtpUrl: smtp.url }), ratePerSecond: 1_000_000, concurrency: connections, batchSize: 50 }));
        const delivered = (await smtp.count()) - before;
        if (delivered !== size || digest.result.final?.sentCount !== size) {
          throw new Error(`digest: the server received ${delivered}, the run recorded ${digest.result.final?.sentCount}, of ${size}`);
        }
        return digest;
      };
      // In turns, so that both see the same machine (its other load comes and goes): medians of each.
      const ceilings: Awaited<ReturnType<typeof ceilingRound>>[] = [];
      const digests: Awaited<ReturnType<typeof digestRound>>[] = [];
      for (let round = 1; round <= rounds; round++) {
        const ceiling = await ceilingRound();
        const digest = await digestRound();
        ceilings.push(ceiling);
        digests.push(digest);
        const cpuPerMessage = (measured: { cpuSeconds: number }) => ((measured.cpuSeconds * 1000) / size).toFixed(2);
        console.log(
          `N=${size}, round ${round}: ceiling ${(size / ceiling.seconds).toFixed(0)}/s (${cpuPerMessage(ceiling)} ms CPU a message), ` +
            `digest ${(size / digest.seconds).toFixed(0)}/s (${cpuPerMessage(digest)} ms CPU a message)`,
        );
      }
      const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];
      const ceilingRate = median(ceilings.map((ceiling) => size / ceiling.seconds));
      const digestRate = median(digests.map((digest) => size / digest.seconds));
      const digestSeconds = median(digests.map((digest) => digest.seconds));
      // Each round's pair ran back to back: the median of their ratios says most about the digest.
      const ratio = median(digests.map((digest, index) => ceilings[index].seconds / digest.seconds));
      rows.push([
        size.toLocaleString("en-GB"),
        ceilingRate.toFixed(0),
        digestRate.toFixed(0),
        `${(ratio * 100).toFixed(0)}%`,
        `${digestSeconds.toFixed(1)}s`,
        `${Math.max(...digests.map((digest) => digest.peakRssMb)).toFixed(0)} MB`,
        `${Math.max(...ceilings.map((ceiling) => ceiling.peakRssMb)).toFixed(0)} MB`,
      ]);
    }
    const header = ["subscribers", "ceiling msg/s", "digest msg/s", "digest/ceiling (median of rounds)", "digest time", "digest peak RSS", "ceiling peak RSS"];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (cells: string[]) => cells.map((cell, column) => cell.padStart(widths[column])).join("  ");
    console.log(`\nDigest benchmark (${postCount} new posts, ${connections} SMTP connections, discard server in its own process on localhost; medians of ${rounds} rounds in turns)`);
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    await db().$disconnect();
  } finally {
    await smtp.close();
    await postgres.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
