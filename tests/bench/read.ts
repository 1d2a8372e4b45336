// `npm run bench:read`: builds Docket, starts the production server on the demo content, and
// measures cached reader pages (post, home, series) and a search with autocannon, against the same
// post's HTML saved under public/bench/ and served by the same server: the server's own ceiling.
// Last, the post page through the README's nginx front (needs nginx, as `npm test` does).
//
// Settings: BENCH_CONNECTIONS (32), BENCH_SECONDS (10), DATABASE_URL (an existing database with
// content; default: a throwaway embedded PostgreSQL loaded with the demo content).
import { gzipSync } from "node:zlib";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import pg from "pg";
import { projectRoot } from "../../scripts/lib/services";
import { startReadmeNginx } from "../helpers/nginx";
import { startBenchServer, type BenchServer } from "./bench-server";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const benchDir = path.join(projectRoot, "public", "bench");

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

async function gzippedSize(baseUrl: string, sources: string[]) {
  let raw = 0;
  let gzipped = 0;
  for (const source of sources) {
    const body = Buffer.from(await (await fetch(new URL(source, baseUrl))).arrayBuffer());
    raw += body.length;
    gzipped += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzipped };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/**
 * Every script the page loads, fetched and gzipped as a server or CDN would send it. `nomodule`
 * scripts (polyfills) are counted apart: browsers that run modules, every current one, skip them.
 */
async function reportPageJavaScript(baseUrl: string, pagePath: string, html: string) {
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)];
  const source = (tag: RegExpMatchArray) => tag[1].replaceAll("&amp;", "&");
  const isNoModule = (tag: RegExpMatchArray) => /\snomodule/i.test(tag[0]);
  const loaded = [...new Set(tags.filter((tag) => !isNoModule(tag)).map(source))];
  const skipped = [...new Set(tags.filter(isNoModule).map(source))];
  const sent = await gzippedSize(baseUrl, loaded);
  const legacy = await gzippedSize(baseUrl, skipped);
  const inline = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((sum, match) => sum + Buffer.byteLength(match[1]), 0);
  console.log(
    `JavaScript on ${pagePath}: ${loaded.length} files, ${kb(sent.raw)}, ${kb(sent.gzipped)} gzipped` +
      ` (plus ${kb(inline)} inline in the HTML, mostly the page's RSC payload;` +
      ` and ${skipped.length} nomodule file of ${kb(legacy.gzipped)} gzipped that only browsers without modules load)`,
  );
}

async function main() {
  let server: BenchServer | undefined;
  let front: Awaited<ReturnType<typeof startReadmeNginx>> | undefined;
  try {
    server = await startBenchServer();
    const { baseUrl } = server;
    const targets = await pickTargets(server.databaseUrl);
    // The static copy is the post page's own HTML, saved while the server runs and then served by
    // a fresh start of the same server.
    const html = await (await fetch(`${baseUrl}${targets[1].path}`)).text();
    await mkdir(benchDir, { recursive: true });
    await writeFile(path.join(benchDir, "post.html"), html);
    await server.restart();

    front = await startReadmeNginx(Number(new URL(baseUrl).port));
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
    await server?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
