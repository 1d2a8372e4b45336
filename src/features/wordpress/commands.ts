// The WordPress import from the admin, as a command (src/lib/action.ts): an administrator uploads an
// export; the command keeps the file in the data folder and opens a run, which the route handler then
// carries out after answering (app/api/wordpress/import). Progress and the report are the run's row.
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { InputError, UserFacingError } from "@/lib/errors";
import { saveBodyToFile } from "@/lib/request-body";
import { DEFAULT_IMPORT_OPTIONS, type WordPressImportOptions } from "./import/import";
import { parseCategoryMap } from "./import/plan";
import { authorStepSchema, optionsAfterAuthorStep } from "./import/author-step";
import { findImportRun } from "./data";
import { resumeWaitingRun, startImportRun } from "./mutations";
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
    const size = await saveBodyToFile(body as ReadableStream<Uint8Array>, file, MAX_IMPORT_BYTES, {
      tooLarge: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024 / 1024} GB.`,
      empty: "Choose a WordPress export (.xml) to import.",
    });
    const run = await startImportRun({ kind: "wordpress", source: fileName, dryRun: options.dryRun, startedById: actor.id });
    const importOptions: WordPressImportOptions = {
      ...DEFAULT_IMPORT_OPTIONS,
      dryRun: options.dryRun,
      seriesTaxonomy: options.seriesTaxonomy,
      skipPingbacks: options.skipPingbacks,
      downloadMedia: options.downloadMedia,
      headerMenu: options.headerMenu,
      categoryMap,
    };
    return { message: "The import has started.", data: { runId: run.id, location: `/admin/import/${run.id}`, file, fileName, bytes: size, options: importOptions, startedById: actor.id } };
  },
  audit: ({ fileName, options }, { data }) => ({
    action: options.dryRun ? "wordpress.import.dry-run" : "wordpress.import.start",
    entityType: "ImportRun",
    entityId: data.runId,
    details: { fileName, bytes: data.bytes },
  }),
});

/**
 * The author step's answer: the WordPress authors (by login) to link to the Docket login with the same
 * address, the rest getting bylines of their own. Takes up the waiting run; the caller carries it on.
 */
export const continueWordPressImport = defineCommand({
  access: "site.import",
  input: z.object({
    runId: z.string().trim().min(1).max(40),
    link: z.array(z.string().max(200)).max(1000).default([]),
  }),
  async run({ runId, link }, actor) {
    const run = await findImportRun(runId);
    const step = authorStepSchema.safeParse(run?.authorStep);
    if (!run || run.status !== "WAITING" || !step.success) throw new UserFacingError("This import is not waiting for its author step any more: it has been carried on already.");
    const asked = new Set(step.data.candidates.map((candidate) => candidate.login));
    const unknown = link.filter((login) => !asked.has(login));
    if (unknown.length > 0) throw new InputError(`The author step did not ask about ${unknown.map((login) => `“${login}”`).join(", ")}.`, { link: "Tick only the authors listed." });
    if (!(await resumeWaitingRun(runId))) throw new UserFacingError("This import is not waiting for its author step any more: it has been carried on already.");
    const linked = step.data.candidates.filter((candidate) => link.includes(candidate.login));
    await recordAudit({
      actorId: actor.id,
      action: "wordpress.import.authors",
      entityType: "ImportRun",
      entityId: runId,
      details: { linked: linked.map((candidate) => ({ author: candidate.login, login: candidate.loginEmail })), separate: step.data.candidates.length - linked.length },
    });
    return {
      message: "The import goes on.",
      data: { runId, file: step.data.file, source: step.data.source, options: optionsAfterAuthorStep(step.data.options, link) },
    };
  },
});
