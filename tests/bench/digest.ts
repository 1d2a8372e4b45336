// `npm run bench:digest [-- --sizes=10000,100000 --connections=5]`: seeds N subscribers and 5 new posts
// in a throwaway PostgreSQL, runs the digest into a local SMTP server that accepts and discards, and
// compares it with the transport's ceiling: N ready-made messages pushed by a pooled nodemailer
// transport into the same server. Prints emails/s, total time, peak RSS and the ratio.
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { applyMigrations } from "../../src/lib/schema-engine";
import { startTestPostgres } from "../helpers/postgres-server";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    connections: { type: "string", default: "5" },
    posts: { type: "string", default: "5" },
  },
});
const sizes = values.sizes.split(",").map((size) => Number(size.trim()));
const connections = Number(values.connections);
const postCount = Number(values.posts);
if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(connections) || connections < 1) {
  console.error("--sizes takes whole numbers separated by commas; --connections a whole number");
  process.exit(2);
}

process.env.SITE_URL = "https://docket.example";
process.env.SITE_NAME = "Docket";
process.env.MAIL_FROM = "Docket <digest@docket.example>";
process.env.NEXTAUTH_SECRET = "benchmark-secret-benchmark-secret-benchmark";

/** Samples this process's RSS every 20 ms while `work` runs. */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - started) / 1000, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

type DiscardServer = { url: string; count: () => Promise<number>; close: () => Promise<void> };

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
    close: async () => {
      child.send("close");
      await once(child, "exit");
    },
  };
}

async function main() {
  const postgres = await startTestPostgres();
  const smtp = await startDiscardSmtpServer();
  try {
    await postgres.createDatabase("docket_bench");
    await applyMigrations(postgres.url("docket_bench"));
    process.env.DATABASE_URL = postgres.url("docket_bench");
    const { db } = await import("../../src/lib/db");
    const { createMailTransport, newMessageId } = await import("../../src/lib/mail/send");
    const { runDigest } = await import("../../src/features/digest/sender");
    const { loadDigestPosts } = await import("../../src/features/digest/data");
    const { buildDigestBody, personalizeDigest } = await import("../../src/features/digest/content");
    const fixtures = await import("../integration/digest-fixtures");

    const rows: string[][] = [];
    for (const size of sizes) {
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
      await fixtures.createActiveSubscribers(size, `bench${size}-`);

      // The ceiling: the same kind of message, ready-made, pushed through a pooled transport.
      const sample = personalizeDigest(buildDigestBody(await loadDigestPosts(posts.map((post) => post.id)), "Docket"), { id: "sample", email: "x@example.test" }, "");
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

      const digestTransport = createMailTransport({ smtpUrl: smtp.url, ratePerSecond: 1_000_000, maxConnections: connections });
      const beforeDigest = await smtp.count();
      const digest = await measure(() => runDigest({ transport: digestTransport, concurrency: connections * 2, batchSize: 50 }));
      digestTransport.close();
      const delivered = (await smtp.count()) - beforeDigest;
      if (delivered !== size || digest.result.final?.sentCount !== size) {
        throw new Error(`digest: the server received ${delivered}, the run recorded ${digest.result.final?.sentCount}, of ${size}`);
      }
      const ceilingRate = size / ceiling.seconds;
      const digestRate = size / digest.seconds;
      rows.push([
        size.toLocaleString("en-GB"),
        ceilingRate.toFixed(0),
        digestRate.toFixed(0),
        `${((digestRate / ceilingRate) * 100).toFixed(0)}%`,
        `${digest.seconds.toFixed(1)}s`,
        `${digest.peakRssMb.toFixed(0)} MB`,
        `${ceiling.peakRssMb.toFixed(0)} MB`,
      ]);
      console.log(`N=${size}: ceiling ${ceilingRate.toFixed(0)}/s, digest ${digestRate.toFixed(0)}/s in ${digest.seconds.toFixed(1)}s, peak RSS ${digest.peakRssMb.toFixed(0)} MB`);
    }
    const header = ["subscribers", "ceiling msg/s", "digest msg/s", "digest/ceiling", "digest time", "digest peak RSS", "ceiling peak RSS"];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (cells: string[]) => cells.map((cell, column) => cell.padStart(widths[column])).join("  ");
    console.log(`\nDigest benchmark (${postCount} new posts, ${connections} SMTP connections, discard server in its own process on localhost)`);
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
