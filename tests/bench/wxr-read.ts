// `npm run bench:wxr-read [-- --sizes=2000,20000 --comments-per-post=10]`: writes synthetic WordPress exports of
// each size (posts, with ten comments a post by default) into a temporary folder, then reads each one in a fresh
// process of its own and prints records/s, MB/s and that process's peak RSS. Memory that stays flat while the
// file grows tenfold is the point: the reader holds one record at a time.
import { fork } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readWxrFile } from "../../src/features/wordpress/wxr/reader";
import { exportSizeOptions, writeSyntheticWxr } from "./wxr-generator";

type ReadFigures = { seconds: number; records: number; items: number; comments: number; problems: number; bytes: number; baselineRssMb: number; peakRssMb: number };

async function readAndMeasure(file: string): Promise<ReadFigures> {
  const baselineRssMb = process.memoryUsage().rss / 1024 / 1024;
  const started = performance.now();
  let records = 0;
  let items = 0;
  let comments = 0;
  let problems = 0;
  let bytes = 0;
  for await (const record of readWxrFile(file)) {
    records += 1;
    if (record.kind === "item") {
      items += 1;
      comments += record.comments.length;
    } else if (record.kind === "problem") problems += 1;
    else if (record.kind === "end") bytes = record.bytesRead;
  }
  const seconds = (performance.now() - started) / 1000;
  // maxRSS is the whole process's high-water mark, in kilobytes: it cannot miss a short peak.
  return { seconds, records, items, comments, problems, bytes, baselineRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

if (process.argv[2] === "--read") {
  const figures = await readAndMeasure(process.argv[3]);
  process.send!(figures);
  process.disconnect();
} else {
  const { sizes, commentsPerPost } = exportSizeOptions();

  const folder = await mkdtemp(path.join(tmpdir(), "docket-wxr-bench-"));
  try {
    const rows: string[] = [];
    for (const posts of sizes) {
      const file = path.join(folder, `export-${posts}.xml`);
      const writeStarted = performance.now();
      const written = await writeSyntheticWxr(file, { posts, comments: posts * commentsPerPost });
      const writeSeconds = (performance.now() - writeStarted) / 1000;
      console.log(`wrote ${posts.toLocaleString("en-GB")} posts, ${written.comments.toLocaleString("en-GB")} comments: ${(written.bytes / 1024 / 1024).toFixed(1)} MB in ${writeSeconds.toFixed(1)} s`);

      const child = fork(new URL(import.meta.url), ["--read", file], { execArgv: ["--disable-warning=ExperimentalWarning", "--import", "./scripts/register.mjs"] });
      const [figures] = (await once(child, "message")) as [ReadFigures];
      await once(child, "exit");
      if (figures.items !== written.items || figures.comments !== written.comments || figures.problems !== 0) {
        throw new Error(`read back ${figures.items} items, ${figures.comments} comments, ${figures.problems} problems; wrote ${written.items} and ${written.comments}`);
      }
      rows.push(
        [
          posts.toLocaleString("en-GB").padStart(7),
          `${(figures.bytes / 1024 / 1024).toFixed(1)} MB`.padStart(9),
          `${Math.round(figures.records / figures.seconds).toLocaleString("en-GB")} records/s`.padStart(18),
          `${Math.round(figures.items / figures.seconds).toLocaleString("en-GB")} items/s`.padStart(15),
          `${Math.round((figures.items + figures.comments) / figures.seconds).toLocaleString("en-GB")} items+comments/s`.padStart(25),
          `${(figures.bytes / 1024 / 1024 / figures.seconds).toFixed(1)} MB/s`.padStart(10),
          `${figures.seconds.toFixed(1)} s`.padStart(8),
          `RSS before ${figures.baselineRssMb.toFixed(0)} MB, peak ${figures.peakRssMb.toFixed(0)} MB`,
        ].join("  "),
      );
    }
    console.log(`\n  posts       file             rate          items     items and comments     speed     time  memory (reading process)`);
    for (const row of rows) console.log(row);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
