// `npm run bench:read [-- --processes 1,2]`: builds Docket, starts the production server on the demo
// content, and measures cached reader pages (post, home, series) and a search with autocannon,
// against the same post's HTML saved under public/bench/ and served by the same server: the
// server's own ceiling. With several process counts, the post page again with each count of web
// processes (WEB_CONCURRENCY), and for each the time from a post being published (by the worker's
// code, in this process) to every web process serving it. Last, through the README's nginx front
// (needs nginx, as `npm test` does): the post page against nginx serving the same bytes as a static
// file, and the time from a publish to the front serving it.
//
// Settings: BENCH_CONNECTIONS (32), BENCH_SECONDS (10), DATABASE_URL (an existing database with
// content; default: a throwaway embedded PostgreSQL loaded with the demo content).
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import pg from "pg";
import { projectRoot } from "../../scripts/lib/services";
import { startReadmeNginx } from "../helpers/nginx";
import { startBenchServer, type BenchServer } from "./bench-server";
import { reportPageJavaScript } from "./page-javascript";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const benchDir = path.join(projectRoot, "public", "bench");

/** `--processes 1,2` or `--processes=1,2`: the counts of web processes to measure the post page with. */
function processCounts(argv: string[]): number[] {
  const index = argv.findIndex((arg) => arg === "--processes" || arg.startsWith("--processes="));
  if (index === -1) return [1];
  const value = argv[index].includes("=") ? argv[index].split("=")[1] : argv[index + 1];
  const counts = (value ?? "").split(",").map(Number);
  if (counts.length === 0 || counts.some((count) => !Number.isInteger(count) || count < 1 || count > 16)) {
    throw new Error("Usage: npm run bench:read -- --processes 1,2");
  }
  return counts;
}

type Target = { name: string; path: string; base?: string };


async function pickTargets(databaseUrl: string): Promise<Target[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const post = await client.query<{ slug: string; title: string }>(
      `SELECT p.slug, p.title FROM "Post" p WHERE p.status = 'PUBLISHED' AND p."seriesId" IS NOT NULL
        ORDER BY p."publishedAt" DESC LIMIT 1`,
    );
    const series = await client.query<{ slug: string }>(
      `SELECT s.slug FROM "Series" s WHERE EXISTS (SELECT 1 FROM "Post" p WHERE p."seriesId" = s.id AND p.status = 'PUBLISHED') LIMIT 1`,
    );
    if (!post.rows[0] || !series.rows[0]) throw new Error("The database has no published series post to measure.");
    const word = post.rows[0].title.split(/\s+/).find((candidate) => candidate.length > 4) ?? "probation";
    return [
      { name: "static file (ceiling)", path: "/bench/post.html" },
      { name: "post page", path: `/posts/${post.rows[0].slug}` },
      { name: "home page", path: "/" },
      { name: "series page", path: `/series/${series.rows[0].slug}` },
      { name: "search", path: `/search?q=${encodeURIComponent(word.replace(/[^\p{L}]/gu, ""))}` },
    ];
  } finally {
    await client.end();
  }
}

async function measure(baseUrl: string, target: Target): Promise<Result> {
  const url = `${target.base ?? baseUrl}${target.path}`;
  const check = await fetch(url);
  if (check.status !== 200) throw new Error(`${target.path} answered ${check.status}`);
  await autocannon({ url, connections, duration: 2 }); // warm-up
  return autocannon({ url, connections, duration: seconds });
}

function report(rows: { target: Target; result: Result }[], ceilingRow = rows[0]) {
  const ceiling = ceilingRow.result.requests.average;
  const line = (cells: string[]) => cells.map((cell, index) => (index === 0 ? cell.padEnd(24) : cell.padStart(12))).join("");
  console.log(`\n${connections} connections, ${seconds} s each\n`);
  console.log(line(["", "req/s", "p50 ms", "p99 ms", `vs ${ceilingRow === rows[0] ? "static" : "row 1"}`, "non-2xx"]));
  for (const { target, result } of rows) {
    console.log(
      line([
        target.name,
        result.requests.average.toFixed(0),
        String(result.latency.p50),
        String(result.latency.p99),
        `${((result.requests.average / ceiling) * 100).toFixed(0)}%`,
        String(result.non2xx + result.errors),
      ]),
    );
  }
}

/** A post of the demo content's, put back as scheduled for a minute ago under a new address, ready to publish. */
async function scheduleAPost(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const slug = `bench-publish-${randomBytes(4).toString("hex")}`;
    await client.query(
      `UPDATE "Post" SET slug = $1, status = 'SCHEDULED', "scheduledFor" = now() - interval '1 minute', "publishedAt" = NULL
        WHERE id = (SELECT id FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" ASC LIMIT 1)`,
      [slug],
    );
    return slug;
  } finally {
    await client.end();
  }
}

type PublishTiming = { publishMs: number; firstRequestStatus: number; firstRequestMs: number; servedAfterMs: number; laterRequestsOk: boolean };

/**
 * Publishes a scheduled post with the worker's own code (a process apart from the web processes),
 * then asks `base` for it at once: the status and time of that first request, the time until it was
 * served, and whether the `laterRequests` after that (spread over every process behind `base`) all were.
 */
async function timePublishToVisible(databaseUrl: string, base: string, laterRequests: number): Promise<PublishTiming> {
  const slug = await scheduleAPost(databaseUrl);
  const url = `${base}/posts/${slug}`;
  for (let attempt = 0; attempt < 3; attempt++) await (await fetch(url)).arrayBuffer(); // its 404 is cached where it can be
  const { publishDueScheduledPosts } = await import("../../src/features/posts/scheduled-publishing");
  const started = performance.now();
  await publishDueScheduledPosts(new Date());
  const published = performance.now();
  const first = await fetch(url);
  await first.arrayBuffer();
  const firstRequestMs = performance.now() - published;
  let servedAfterMs = first.status === 200 ? firstRequestMs : -1;
  while (servedAfterMs < 0 && performance.now() - published < 30_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status === 200) servedAfterMs = performance.now() - published;
  }
  if (servedAfterMs < 0) throw new Error(`${url} was not served within 30 s of being published`);
  const later = await Promise.all(Array.from({ length: laterRequests }, () => fetch(url).then(async (response) => (await response.arrayBuffer(), response.status))));
  return { publishMs: published - started, firstRequestStatus: first.status, firstRequestMs, servedAfterMs, laterRequestsOk: later.every((status) => status === 200) };
}

function describePublish(where: string, timing: PublishTiming): string {
  return (
    `Publish (worker's code, ${timing.publishMs.toFixed(0)} ms) → ${where}: the first request after it answered ${timing.firstRequestStatus} in ${timing.firstRequestMs.toFixed(0)} ms; ` +
    `served ${timing.servedAfterMs.toFixed(0)} ms after the publish returned; the requests after that ${timing.laterRequestsOk ? "all 200" : "NOT all 200"}`
  );
}

async function main() {
  const counts = processCounts(process.argv.slice(2));
  let server: BenchServer | undefined;
  let front: Awaited<ReturnType<typeof startReadmeNginx>> | undefined;
  try {
    server = await startBenchServer();
    const { baseUrl, databaseUrl, workDir } = server;
    const targets = await pickTargets(databaseUrl);

    // The static copy is the post page's own HTML, saved while the server runs and then served by
    // a fresh start of the same server (and by nginx itself).
    const html = await (await fetch(`${baseUrl}${targets[1].path}`)).text();
    await mkdir(benchDir, { recursive: true });
    await writeFile(path.join(benchDir, "post.html"), html);
    const staticCopy = path.join(workDir, "static-copy.html");
    await writeFile(staticCopy, html, { mode: 0o644 });

    const publishTimes: { processes: number; timing: PublishTiming }[] = [];
    const postRows: { target: Target; result: Result }[] = [];
    for (const [index, count] of counts.entries()) {
      await server.restart(count);
      await new Promise((resolve) => setTimeout(resolve, 3000)); // every process listening
      if (index === 0) {
        const rows = [];
        for (const target of targets) {
          console.log(`Measuring ${target.name} (${count} web process${count > 1 ? "es" : ""}): ${target.path}`);
          rows.push({ target, result: await measure(baseUrl, target) });
        }
        report(rows);
        postRows.push({ target: { ...targets[1], name: `post, ${count} process${count > 1 ? "es" : ""}` }, result: rows[1].result });
      } else {
        console.log(`Measuring the post page with ${count} web processes`);
        postRows.push({ target: { ...targets[1], name: `post, ${count} processes` }, result: await measure(baseUrl, targets[1]) });
      }
      publishTimes.push({ processes: count, timing: await timePublishToVisible(databaseUrl, baseUrl, 8 * count) });
    }
    if (counts.length > 1) report(postRows);
    for (const { processes, timing } of publishTimes) console.log(describePublish(`${processes} web process${processes > 1 ? "es" : ""}`, timing));

    const last = counts.at(-1)!;
    front = await startReadmeNginx([server.port], { staticFile: staticCopy });
    console.log(`\nThrough the nginx front (${last} web process${last > 1 ? "es" : ""} behind it)`);
    // Both through the same nginx, in turns (three each, the median kept), so that other work on a
    // shared machine weighs on both alike.
    const frontTargets = [
      { name: "static file (nginx)", path: "/static-copy.html", base: front.url },
      { name: "post via nginx front", path: targets[1].path, base: front.url },
    ];
    const rounds: Result[][] = frontTargets.map(() => []);
    for (let round = 0; round < 3; round++) {
      for (const [index, target] of frontTargets.entries()) {
        console.log(`Measuring ${target.name} (turn ${round + 1} of 3): ${target.path}`);
        rounds[index].push(await measure(baseUrl, target));
      }
    }
    const median = (results: Result[]) => [...results].sort((a, b) => a.requests.average - b.requests.average)[1];
    report(frontTargets.map((target, index) => ({ target: { ...target, name: `${target.name}, median` }, result: median(rounds[index]) })));
    console.log(
      frontTargets.map((target, index) => `${target.name}: ${rounds[index].map((result) => result.requests.average.toFixed(0)).join(", ")} req/s`).join("; "),
    );
    console.log(describePublish("the nginx front", await timePublishToVisible(databaseUrl, front.url, 8)));
    await reportPageJavaScript(baseUrl, targets[1].path, html);
  } finally {
    await front?.stop();
    const { db } = await import("../../src/lib/db");
    await db().$disconnect();
    await server?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
