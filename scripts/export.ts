// `npm run export -- --format docket out.json.gz`: the whole site as a backup (restore it with
// `npm run import:docket`). `npm run export -- --format wxr out.xml`: the posts, pages, comments, bylines and
// terms as a WordPress export (WXR 1.2) that WordPress's importer reads.
import { parseArgs } from "node:util";
import { UsageError, runWithDatabase } from "./lib/command-line";

const USAGE = `Usage: npm run export -- --format docket|wxr FILE [options]
  --format docket     the whole site (database, uploads, settings, subscribers), gzip-compressed JSON
  --format wxr        a WordPress export (WXR 1.2): posts, pages, comments, bylines, categories, tags, series
  --include-emails    (wxr) include commenters' addresses and the logins' addresses behind bylines
                      that are not pen names; left out by default
  --series-taxonomy NAME   (wxr) the taxonomy series are written as (default "series")`;

await runWithDatabase(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: "string" },
      "include-emails": { type: "boolean", default: false },
      "series-taxonomy": { type: "string", default: "series" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || positionals.length !== 1 || (values.format !== "docket" && values.format !== "wxr")) throw new UsageError(USAGE);
  const [file] = positionals;
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  if (values.format === "docket") {
    const { writeSiteBackupFile } = await import("../src/features/backup/site-backup");
    const summary = await writeSiteBackupFile(file);
    const rows = Object.values(summary.rows).reduce((sum, count) => sum + count, 0);
    console.log(`Wrote ${file}: ${rows.toLocaleString("en-GB")} rows in ${Object.keys(summary.rows).length} tables and ${summary.files} uploaded files, in ${seconds()} s.`);
    return;
  }
  if (!/^[a-z][a-z0-9_-]*$/.test(values["series-taxonomy"])) throw new UsageError("--series-taxonomy takes a taxonomy name: lower-case letters, digits, - and _.");
  const { writeDocketWxrFile } = await import("../src/features/wordpress/export/docket-wxr");
  const summary = await writeDocketWxrFile(file, { includeEmails: values["include-emails"], seriesTaxonomy: values["series-taxonomy"] });
  console.log(
    `Wrote ${file}: ${summary.posts} posts, ${summary.pages} pages, ${summary.comments} comments, ${summary.authors} bylines and ${summary.attachments} attachments, in ${seconds()} s.` +
      (values["include-emails"] ? "" : " Email addresses were left out (--include-emails to keep them)."),
  );
  const { numericPageSlugsLine } = await import("../src/features/wordpress/export/docket-wxr");
  if (summary.numericPageSlugs.length > 0) console.log(numericPageSlugsLine(summary.numericPageSlugs));
});
