// `npm run import:wordpress -- export.xml [options]`: imports a WordPress export (WXR 1.0 to 1.2) with a
// progress bar, then prints the report (also kept in the admin under Import). Run it again with the same or
// a newer export: it updates what changed and adds what is new.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { UsageError, runWithDatabase } from "./lib/command-line";
import { progressReporter } from "./lib/progress";

const USAGE = `Usage: npm run import:wordpress -- EXPORT.xml [options]
  --dry-run                 read and convert everything, write nothing; print the counts and every problem
  --media DIR               copy the files from DIR, a copy of the old site's wp-content/uploads folder
  --media-host HOST          files on HOST are the old site's too (repeatable; the hosts of the export's
                            attachments and *.files.wordpress.com always are)
  --download-media          download the files from the old site (images and documents, 20 MB at most each)
  --series-taxonomy NAME    the taxonomy that holds series (default "series")
  --taxonomy-as-tags NAME   make the terms of the custom taxonomy NAME tags (repeatable; the report lists
                            every taxonomy left out, with its terms)
  --category-map FILE       lines "wordpress-slug = docket-slug" (or "= -" for none), most preferred first:
                            which category wins when a post has several, and what it becomes
  --skip-pingbacks          leave pingbacks and trackbacks out (by default they are kept as linking comments)
  --header-menu             make the export's menu Docket's header menu (replacing its links)
  --link-author LOGIN       link the WordPress author LOGIN to the Docket login with the same email address
                            (repeat for each; without it, every author gets a byline of its own, and the
                            report names those whose address is a login's)
  --quiet                   no progress bar`;

await runWithDatabase(
  async () => {
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      options: {
        "dry-run": { type: "boolean", default: false },
        media: { type: "string" },
        "media-host": { type: "string", multiple: true, default: [] },
        "download-media": { type: "boolean", default: false },
        "series-taxonomy": { type: "string", default: "series" },
        "taxonomy-as-tags": { type: "string", multiple: true, default: [] },
        "category-map": { type: "string" },
        "skip-pingbacks": { type: "boolean", default: false },
        "header-menu": { type: "boolean", default: false },
        "link-author": { type: "string", multiple: true, default: [] },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
    if (values.help || positionals.length !== 1) throw new UsageError(USAGE);
    const [file] = positionals;
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`No such file: ${file}`);
    if (values.media !== undefined && !(existsSync(values.media) && statSync(values.media).isDirectory())) throw new UsageError(`--media: no such folder: ${values.media}`);
    if (!/^[a-z][a-z0-9_-]*$/.test(values["series-taxonomy"])) throw new UsageError("--series-taxonomy takes a taxonomy name: lower-case letters, digits, - and _.");

    const { parseCategoryMap } = await import("../src/features/wordpress/import/plan");
    let categoryMap = null;
    if (values["category-map"] !== undefined) {
      try {
        categoryMap = parseCategoryMap(readFileSync(values["category-map"], "utf8"));
      } catch (error) {
        throw new UsageError(`--category-map: ${(error as Error).message}`);
      }
    }
    const { runWordPressImport } = await import("../src/features/wordpress/import/run");
    const { formatImportReport } = await import("../src/features/wordpress/import/report");
    const reading = progressReporter({ quiet: values.quiet, label: "reading  " });
    const importing = progressReporter({ quiet: values.quiet, label: "importing" });
    let phase: "reading" | "importing" = "reading";
    const outcome = await runWordPressImport(file, path.basename(file), {
      seriesTaxonomy: values["series-taxonomy"],
      taxonomiesAsTags: values["taxonomy-as-tags"],
      categoryMap,
      skipPingbacks: values["skip-pingbacks"],
      dryRun: values["dry-run"],
      mediaFolder: values.media ?? null,
      mediaHosts: values["media-host"].map((host) => host.trim().toLowerCase()),
      downloadMedia: values["download-media"],
      headerMenu: values["header-menu"],
      linkLogins: values["link-author"],
      onProgress: (progress) => {
        if (progress.phase === "importing" && phase === "reading") {
          reading.finish();
          phase = "importing";
        }
        (progress.phase === "reading" ? reading : importing).update(progress.done, progress.total, progress.done === progress.total);
      },
    }, null);
    (phase === "reading" ? reading : importing).finish();
    if (outcome.error) throw new Error(outcome.error);
    console.log(formatImportReport(outcome.report!));
  },
  { migrate: true },
);
