// The WordPress import from the admin, as a command (src/lib/action.ts): an administrator uploads an
// export; the command keeps the file in the data folder and opens a run, which the route handler then
// carries out after answering (app/api/wordpress/import). Progress and the report are the run's row.
import "server-only";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { InputError } from "@/lib/errors";
import { DEFAULT_IMPORT_OPTIONS, type WordPressImportOptions } from "./import";
import { parseCategoryMap } from "./import-plan";
import { startImportRun } from "./mutations";
import { CATEGORY_MAP_FORM_MAX } from "./limits";

/** Larger than any export this is meant for (a 500 MB archive), small enough to refuse a runaway upload. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024 * 1024;

const flag = z.preprocess((value) => value === true || value === "1" || value === "on" || value === "true", z.boolean());

export const importOptionsSchema = z.object({
  dryRun: flag,
  seriesTaxonomy: z
    .string()
    .trim()
    .default("series")
    .transform((value) => value || "series")
    .pipe(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "The series taxonomy is a name of lower-case letters, digits, - and _.")),
  skipPingbacks: flag,
  downloadMedia: flag,
  headerMenu: flag,
  categoryMap: z
    .string()
    .max(CATEGORY_MAP_FORM_MAX, `The category map is too long to send from the admin (at most ${CATEGORY_MAP_FORM_MAX.toLocaleString("en-GB")} characters): use npm run import:wordpress -- --category-map FILE.`)
    .default(""),
});

export const startWordPressImport = defineCommand({
  access: "site.import",
  // The upload streams to a file first; the import itself runs afterwards, in transactions of its own.
  transaction: false,
  input: z.object({
    body: z.instanceof(ReadableStream, { message: "Choose a WordPress export (.xml) to import." }),
    fileName: z.string().trim().min(1).max(300).default("export.xml"),
    options: importOptionsSchema,
  }),
  async run({ body, fileName, options }, actor) {
    let categoryMap = null;
    if (options.categoryMap.trim() !== "") {
      try {
        categoryMap = parseCategoryMap(options.categoryMap);
      } catch (error) {
        throw new InputError((error as Error).message, { categoryMap: (error as Error).message });
      }
    }
    const folder = path.resolve(env().DOCKET_DATA_DIR, "imports");
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, `${Date.now()}-${randomBytes(6).toString("hex")}.xml`);
    let size = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > MAX_IMPORT_BYTES ? new InputError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024 / 1024} GB.`) : null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), cap, createWriteStream(file));
    } catch (error) {
      await rm(file, { force: true });
      throw error instanceof InputError ? error : new InputError("The upload did not arrive whole: try again.");
    }
    if (size === 0) {
      await rm(file, { force: true });
      throw new InputError("Choose a WordPress export (.xml) to import.");
    }
    const run = await startImportRun({ kind: "wordpress", source: fileName, dryRun: options.dryRun, startedById: actor.id });
    await recordAudit({ actorId: actor.id, action: options.dryRun ? "wordpress.import.dry-run" : "wordpress.import.start", entityType: "ImportRun", entityId: run.id, details: { fileName, bytes: size } });
    const importOptions: WordPressImportOptions = {
      ...DEFAULT_IMPORT_OPTIONS,
      dryRun: options.dryRun,
      seriesTaxonomy: options.seriesTaxonomy,
      skipPingbacks: options.skipPingbacks,
      downloadMedia: options.downloadMedia,
      headerMenu: options.headerMenu,
      categoryMap,
    };
    return { message: "The import has started.", redirectTo: `/admin/import/${run.id}`, data: { runId: run.id, file, options: importOptions } };
  },
});
