// `npm run bench:import [-- --sizes=2000,20000 --comments-per-post=10]`: writes synthetic WordPress exports
// (the bench:wxr-read generator: ten comments a post by default, threads, series, co-authors, pages) and
// imports each into an empty database of a throwaway PostgreSQL, in a fresh process of its own. Prints
// items/s (the export's posts and comments) and posts/s, and that process's peak RSS and heap along the
// way: memory that stays flat as the file grows tenfold is the point.
import { fork } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "../../src/lib/schema-engine";
import { startTestPostgres } from "../helpers/postgres-server";
import { exportSizeOptions, writeSyntheticWxr } from "./wxr-generator";

/** The heap settings `npm run import:wordpress` runs with: a small young generation and a capped old one keep memory flat. */
const IMPORT_NODE_FLAGS = ["--max-old-space-size=160", "--max-semi-space-size=2"];

type ImportFigures = {
  seconds: number;
  readSeconds: number;
  posts: number;
  comments: number;
  problems: number;
  baselineRssMb: number;
  peakRssMb: number;
  /** RSS (MB) when a quarter, half, three quarters and all of the items were done. */
  rssAlongMb: number[];
  peakHeapMb: number;
  /** CPU seconds (user and system) of the importing process, and of the database's server processes serving it. */
  importerCpuSeconds: number;
  databaseCpuSeconds: number;
};

/** CPU seconds used so far by the PostgreSQL backends connected to `database` (read from /proc while they live). */
async function databaseCpuSeconds(database: string): Promise<number> {
  let ticks = 0;
  for (const pid of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const commandLine = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (!commandLine.startsWith("postgres: ") || !commandLine.includes(` ${database} `)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

async function importAndMeasure(file: string): Promise<ImportFigures> {
  const { importWordPressFile, DEFAULT_IMPORT_OPTIONS } = await import("../../src/features/wordpress/import/import");
  const baselineRssMb = process.memoryUsage().rss / 1024 / 1024;
  let peakHeap = 0;
  const rssAlongMb: number[] = [];
  let nextQuarter = 1;
  let readDone = 0;
  const started = performance.now();
  const report = await importWordPressFile(file, {
    ...DEFAULT_IMPORT_OPTIONS,
    onProgress: ({ phase, done, total }) => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      if (phase === "reading" && done === total) readDone = performance.now();
      if (phase === "importing" && total > 0 && done >= (total * nextQuarter) / 4) {
        if (process.env.BENCH_GC_CHECK) {
          (globalThis as { gc?: () => void }).gc?.();
          console.error(`after gc at ${nextQuarter}/4: heap ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB, external ${(process.memoryUsage().external / 1024 / 1024).toFixed(0)} MB, array buffers ${(process.memoryUsage().arrayBuffers / 1024 / 1024).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
        }
        rssAlongMb.push(Math.round(process.memoryUsage().rss / 1024 / 1024));
        nextQuarter += 1;
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage();
  const databaseSeconds = await databaseCpuSeconds(new URL(process.env.DATABASE_URL!).pathname.slice(1));
  const { db } = await import("../../src/lib/db");
  await db().$disconnect();
  return {
    seconds,
    readSeconds: readDone > 0 ? (readDone - started) / 1000 : 0,
    posts: report.counts.posts?.imported ?? 0,
    comments: report.counts.comments?.imported ?? 0,
    problems: report.problems.length,
    baselineRssMb,
    // maxRSS is the whole process's high-water mark, in kilobytes: it cannot miss a short peak.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssAlongMb,
    peakHeapMb: peakHeap / 1024 / 1024,
    importerCpuSeconds: (cpu.user + cpu.system) / 1e6,
    databaseCpuSeconds: databaseSeconds,
  };
}

if (process.argv[2] === "--import") {
  const figures = await importAndMeasure(process.argv[3]);
  process.send!(figures);
  process.disconnect();
} else {
  const { sizes, commentsPerPost } = exportSizeOptions();

  const folder = await mkdtemp(path.join(tmpdir(), "docket-import-bench-"));
  const postgres = await startTestPostgres();
  try {
    const rows: string[] = [];
    const runs: { posts: number; comments: number; authors?: number; authorName?: string; label: string }[] = [
      ...sizes.map((posts) => ({ posts, comments: posts * commentsPerPost, label: posts.toLocaleString("en-GB") })),
      // 300 authors of one name: each byline's free slug is found in one query, not by trying -2, -3… in turn.
      { posts: 300, comments: 0, authors: 300, authorName: "Court Reporter", label: "300 authors, one name:" },
    ];
    for (const { posts, label, ...extra } of runs) {
      const file = path.join(folder, `export-${label.replace(/\W+/g, "-")}.xml`);
      const written = await writeSyntheticWxr(file, { posts, ...extra });
      console.log(`wrote ${posts.toLocaleString("en-GB")} posts, ${written.comments.toLocaleString("en-GB")} comments: ${(written.bytes / 1024 / 1024).toFixed(1)} MB`);
      const database = `bench_import_${rows.length}`;
      await postgres.createDatabase(database);
      await applyMigrations(postgres.url(database));

      const child = fork(new URL(import.meta.url), ["--import", file], {
        // The same memory settings as `npm run import:wordpress` (package.json).
        execArgv: ["--disable-warning=ExperimentalWarning", ...IMPORT_NODE_FLAGS, "--import", "./scripts/register.mjs", ...(process.env.BENCH_GC_CHECK ? ["--expose-gc"] : []), ...(process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? []), ...(process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [])],
        env: { ...process.env, DATABASE_URL: postgres.url(database), NEXTAUTH_SECRET: "benchmark-secret-benchmark-secret-benchmark", DOCKET_DATA_DIR: folder, SITE_URL: "https://docket.example" },
      });
      const [figures] = (await once(child, "message")) as [ImportFigures];
      await once(child, "exit");
      if (figures.posts !== posts || figures.comments !== written.comments) {
        throw new Error(`imported ${figures.posts} posts and ${figures.comments} comments; the export has ${posts} and ${written.comments}`);
      }
      const items = figures.posts + figures.comments;
      rows.push(
        [
          label.padStart(7),
          `${(written.bytes / 1024 / 1024).toFixed(0)} MB`.padStart(7),
          `${Math.round(items / figures.seconds).toLocaleString("en-GB")} items/s`.padStart(15),
          `${Math.round(figures.posts / figures.seconds).toLocaleString("en-GB")} posts/s`.padStart(14),
          `${figures.seconds.toFixed(0)} s (first pass ${figures.readSeconds.toFixed(0)} s)`.padStart(24),
          `CPU: import ${figures.importerCpuSeconds.toFixed(0)} s, database ${figures.databaseCpuSeconds.toFixed(0)} s; ${Math.round(items / Math.max(figures.importerCpuSeconds, figures.databaseCpuSeconds)).toLocaleString("en-GB")} items per busiest-CPU second`,
          `RSS before ${figures.baselineRssMb.toFixed(0)} MB, peak ${figures.peakRssMb.toFixed(0)} MB; at ¼ ½ ¾ 1: ${figures.rssAlongMb.join(" ")} MB; heap peak ${figures.peakHeapMb.toFixed(0)} MB`,
        ].join("  "),
      );
    }
    console.log(`\n  posts     file   items (posts + comments)/s   posts/s          time  CPU  memory (importing process); load average ${(await import("node:os")).loadavg()[0].toFixed(1)} on ${(await import("node:os")).cpus().length} cores`);
    for (const row of rows) console.log(row);
  } finally {
    await postgres.stop();
    await rm(folder, { recursive: true, force: true });
  }
}
