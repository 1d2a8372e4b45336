// `npm run import:docket -- backup.json.gz`: restores a whole-site backup (written by `npm run export --
// --format docket`) into this Docket's database, which must be empty. Applies the migrations first, so a
// new data folder or a new empty database works as it is.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { UsageError, runWithDatabase } from "./lib/command-line";
import { progressReporter } from "./lib/progress";

const USAGE = `Usage: npm run import:docket -- BACKUP.json.gz [--check] [--quiet]
  Restores a Docket backup into an empty site (start Docket once with DOCKET_DEMO_CONTENT=false, or
  point DATABASE_URL at a new database). The uploads go into DOCKET_DATA_DIR/uploads.
  --check   read the backup through and check it (complete, unaltered, every row and file one this
            version of Docket restores), writing nothing; works on a site with content too`;

await runWithDatabase(
  async () => {
    const { positionals, values } = parseArgs({ allowPositionals: true, options: { quiet: { type: "boolean", default: false }, check: { type: "boolean", default: false }, help: { type: "boolean", default: false } } });
    if (values.help || positionals.length !== 1) throw new UsageError(USAGE);
    const [file] = positionals;
    if (!existsSync(file)) throw new UsageError(`No such file: ${file}`);
    const { checkSiteBackupFile, restoreSiteBackupFile } = await import("../src/features/backup/site-backup");
    if (values.check) {
      const checked = await checkSiteBackupFile(file, null);
      console.log(
        `${file} is a complete, unaltered Docket backup made ${checked.header.createdAt}: ${checked.totalRows.toLocaleString("en-GB")} rows and ${checked.totalFiles} uploaded files, ` +
          "each of which this version of Docket can restore into an empty site.",
      );
      return;
    }
    const progress = progressReporter({ quiet: values.quiet, label: "rows" });
    const started = Date.now();
    const outcome = await restoreSiteBackupFile(file, { onProgress: ({ rows, totalRows }) => progress.update(rows, totalRows) });
    progress.finish();
    const rows = Object.values(outcome.rows).reduce((sum, count) => sum + count, 0);
    console.log(
      `Restored ${rows.toLocaleString("en-GB")} rows in ${Object.keys(outcome.rows).length} tables and ${outcome.files} uploaded files ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s. People sign in again: sessions are never part of a backup.`,
    );
  },
  { migrate: true },
);
