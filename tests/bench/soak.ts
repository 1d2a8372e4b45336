// `npm run bench:soak [-- --minutes=10 --connections=64 --pages=mixed]`: builds Docket, serves the
// demo content, and loads it for a long while with autocannon, printing every 30 s the requests per
// second, the errors and the web server's memory (RSS of its process tree), so a leak shows as a
// line that keeps climbing.
//
// --pages=mixed (the default) picks each request at random: every published post, the home page
// and its page 2, the series list and every series, category, tag and author page, the feeds, and
// a search for one or two words from the posts' titles (so the distinct queries keep growing, as
// they do when crawlers arrive; --search=N makes that N% instead of 10). --pages=/a,/b loads just
// those paths.
// --snapshots=DIR writes a V8 heap snapshot of the web server there after the first and the last
// interval (open them in Chromium's DevTools, Memory tab, and compare).
// DATABASE_URL selects an existing database with content instead of the demo content.
import { readFile } from "node:fs/promises";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { startBenchServer, type BenchServer } from "./bench-server";

function option(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}

const minutes = Number(option("minutes", "10"));
const connections = Number(option("connections", "64"));
const pagesOption = option("pages", "mixed");
const snapshotDir = option("snapshots", "");
const searchPercent = Number(option("search", "10"));
const INTERVAL_MS = 30_000;

if (!(minutes > 0) || !(connections > 0)) throw new Error("--minutes and --connections must be positive numbers.");

type Picker = () => string;

async function mixedPages(databaseUrl: string): Promise<{ picker: Picker; describe: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const column = async (sql: string) => (await client.query<{ value: string }>(sql)).rows.map((row) => row.value);
    const posts = await column(`SELECT slug AS value FROM "Post" WHERE status = 'PUBLISHED'`);
    const titles = await column(`SELECT title AS value FROM "Post" WHERE status = 'PUBLISHED'`);
    const series = await column(`SELECT slug AS value FROM "Series"`);
    const categories = await column(`SELECT slug AS value FROM "Category"`);
    const published = (link: string, column: string) =>
      `EXISTS (SELECT 1 FROM "${link}" l JOIN "Post" p ON p.id = l."postId" WHERE l."${column}" = x.id AND p.status = 'PUBLISHED')`;
    const tags = await column(`SELECT x.slug AS value FROM "Tag" x WHERE ${published("PostTag", "tagId")}`);
    const authors = await column(`SELECT x.slug AS value FROM "AuthorProfile" x WHERE ${published("PostAuthor", "profileId")}`);
    const words = [...new Set(titles.flatMap((title) => title.toLowerCase().match(/\p{L}{4,}/gu) ?? []))];
    const pages = [
      "/", "/page/2", "/series", "/feed.xml", "/atom.xml",
      ...posts.map((slug) => `/posts/${slug}`),
      ...series.map((slug) => `/series/${slug}`),
      ...categories.map((slug) => `/categories/${slug}`),
      ...tags.map((slug) => `/tags/${slug}`),
      ...authors.map((slug) => `/authors/${slug}`),
    ];
    const any = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
    const search = () => `/search?q=${encodeURIComponent(Math.random() < 0.5 ? any(words) : `${any(words)} ${any(words)}`)}`;
    return {
      picker: () => (Math.random() * 100 < searchPercent ? search() : any(pages)),
      describe: `${pages.length} reader pages, and ${searchPercent}% of requests a search of one or two of ${words.length} words`,
    };
  } finally {
    await client.end();
  }
}

/** Resident memory of a process and everything it started, in MB (from /proc). */
async function treeRssMb(rootPid: number): Promise<number> {
  const { execFileSync } = await import("node:child_process");
  const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number));
  const pids = [rootPid];
  for (let index = 0; index < pids.length; index++) pids.push(...table.filter(([, ppid]) => ppid === pids[index]).map(([pid]) => pid));
  let kb = 0;
  for (const pid of pids) {
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    kb += Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
  }
  return kb / 1024;
}

async function main() {
  let server: BenchServer | undefined;
  try {
    server = await startBenchServer({ webEnv: snapshotDir ? { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${path.resolve(snapshotDir)}` } : {} });
    const { baseUrl } = server;
    const pages =
      pagesOption === "mixed"
        ? await mixedPages(server.databaseUrl)
        : (() => {
            const list = pagesOption.split(",").filter(Boolean);
            return { picker: () => list[Math.floor(Math.random() * list.length)], describe: list.join(", ") };
          })();
    const web = server.web()!;
    console.log(`Soak: ${minutes} min, ${connections} connections, ${pages.describe}`);
    console.log(`web server RSS at rest: ${(await treeRssMb(web.pid!)).toFixed(0)} MB\n`);
    console.log(["time", "req/s", "errors", "RSS MB"].map((cell, index) => (index === 0 ? cell.padEnd(8) : cell.padStart(10))).join(""));

    let requests = 0;
    let errors = 0;
    let totalRequests = 0;
    let totalErrors = 0;
    const memory: number[] = [];
    const errorKinds = new Map<string, number>();
    const countError = (kind: string) => {
      errors++;
      errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    };
    const load = autocannon({
      url: baseUrl,
      connections,
      duration: minutes * 60,
      requests: [
        {
          setupRequest: (request, context) => {
            const path = pages.picker();
            context.path = path;
            return { ...request, path };
          },
          onResponse: (status, _body, context) => {
            if (status >= 400) countError(`${status} ${String(context.path).replace(/\?q=.*/, "?q=…")}`);
          },
        },
      ],
    });
    load.on("response", () => requests++);
    load.on("reqError", (error) => countError(`request error: ${error.message}`));
    const started = Date.now();
    let intervals = 0;
    const timer = setInterval(() => {
      void (async () => {
        intervals++;
        const rss = await treeRssMb(web.pid!);
        memory.push(rss);
        const elapsed = Math.round((Date.now() - started) / 1000);
        console.log(
          [`${Math.floor(elapsed / 60)}:${String(elapsed % 60).padStart(2, "0")}`, (requests / (INTERVAL_MS / 1000)).toFixed(0), String(errors), rss.toFixed(0)]
            .map((cell, index) => (index === 0 ? cell.padEnd(8) : cell.padStart(10)))
            .join(""),
        );
        totalRequests += requests;
        totalErrors += errors;
        requests = 0;
        errors = 0;
        if (snapshotDir && intervals === 1) process.kill(web.pid!, "SIGUSR2");
      })();
    }, INTERVAL_MS);
    const result = await load;
    clearInterval(timer);
    totalRequests += requests;
    totalErrors += errors;
    if (snapshotDir) {
      process.kill(web.pid!, "SIGUSR2");
      await new Promise((resolve) => setTimeout(resolve, 20_000)); // writing a snapshot takes a while
    }
    const half = memory.slice(Math.floor(memory.length / 2));
    console.log(
      `\n${totalRequests} requests, ${totalErrors} errors, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms;` +
        ` RSS first ${memory[0]?.toFixed(0)} MB, peak ${Math.max(...memory).toFixed(0)} MB, last ${memory.at(-1)?.toFixed(0)} MB,` +
        ` second half ${Math.min(...half).toFixed(0)}–${Math.max(...half).toFixed(0)} MB`,
    );
    for (const [kind, count] of [...errorKinds].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${count} × ${kind}`);
    if (snapshotDir) console.log(`Heap snapshots (Heap.*.heapsnapshot) are in ${path.resolve(snapshotDir)}.`);
  } finally {
    await server?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
