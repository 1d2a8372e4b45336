// `npm run bench:read`: builds Docket, starts the production server on the demo content, and
// measures cached reader pages (post, home, series) and a search with autocannon, against the same
// post's HTML saved under public/bench/ and served by the same server: the server's own ceiling.
// Last, the post page through the README's nginx front (needs nginx, as `npm test` does).
//
// Settings: BENCH_CONNECTIONS (32), BENCH_SECONDS (10), DATABASE_URL (an existing database with
// content; default: a throwaway embedded PostgreSQL loaded with the demo content).
import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import pg from "pg";
import { findFreePort, startEmbeddedPostgres } from "../../src/lib/embedded-postgres";
import { buildApp, prepareDatabase, projectRoot, startWebServer, stopProcess, waitForHttp } from "../../scripts/lib/services";
import { acquireLock } from "../helpers/lock";
import { startReadmeNginx } from "../helpers/nginx";
import { reportPageJavaScript } from "./page-javascript";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const benchDir = path.join(projectRoot, "public", "bench");

type Target = { name: string; path: string; base?: string };

async function benchDatabase(workDir: string) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(workDir, "postgres"),
    logFile: path.join(workDir, "postgres.log"),
    persistent: false,
  });
  await server.createDatabase("docket_bench");
  const url = server.url("docket_bench");
  await prepareDatabase(url, { demoContent: true });
  return { url, stop: server.stop };
}

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

function report(rows: { target: Target; result: Result }[]) {
  const ceiling = rows[0].result.requests.average;
  const line = (cells: string[]) => cells.map((cell, index) => (index === 0 ? cell.padEnd(24) : cell.padStart(12))).join("");
  console.log(`\n${connections} connections, ${seconds} s each\n`);
  console.log(line(["", "req/s", "p50 ms", "p99 ms", "vs static", "non-2xx"]));
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

async function main() {
  const releaseLock = await acquireLock(path.join(projectRoot, ".test-data", "e2e.lock"));
  const workDir = await mkdtemp(path.join(projectRoot, ".test-data", "bench-"));
  await chmod(workDir, 0o755); // as root, PostgreSQL runs as its own user and must reach its folder
  const database = await benchDatabase(workDir);
  let web: ReturnType<typeof startWebServer> | undefined;
  let front: Awaited<ReturnType<typeof startReadmeNginx>> | undefined;
  try {
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-test",
      DATABASE_URL: database.url,
      DOCKET_DATA_DIR: workDir,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: baseUrl,
      SITE_URL: baseUrl,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    const targets = await pickTargets(database.url);
    console.log("Building (next build)...");
    await buildApp(env, path.join(workDir, "build.log"));

    // The static copy is the post page's own HTML, saved while the server runs and then served by
    // a fresh start of the same server.
    web = startWebServer(env, port, path.join(workDir, "web.log"));
    await waitForHttp(`${baseUrl}/`, web, 120_000);
    const html = await (await fetch(`${baseUrl}${targets[1].path}`)).text();
    await mkdir(benchDir, { recursive: true });
    await writeFile(path.join(benchDir, "post.html"), html);
    await stopProcess(web);
    web = startWebServer(env, port, path.join(workDir, "web.log"));
    await waitForHttp(`${baseUrl}/`, web, 120_000);

    front = await startReadmeNginx(port);
    targets.push({ name: "post via nginx front", path: targets[1].path, base: front.url });
    const rows = [];
    for (const target of targets) {
      console.log(`Measuring ${target.name}: ${target.path}`);
      rows.push({ target, result: await measure(baseUrl, target) });
    }
    report(rows);
    await reportPageJavaScript(baseUrl, targets[1].path, html);
  } finally {
    await front?.stop();
    await stopProcess(web);
    await database.stop();
    await rm(workDir, { recursive: true, force: true });
    await releaseLock();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
