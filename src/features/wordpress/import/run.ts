// One import as a run the admin can follow: a row that records its progress while it goes and keeps its
// report (or why it stopped) afterwards. The command line and the admin's Import page both start imports
// here. From the admin, a run whose export names authors with a Docket login's email address first waits
// for the admin's author step (author-step.ts), having written nothing.
import { recordAudit } from "@/lib/audit";
import { authorsMatchingLogins, keptOptions, type AuthorStep } from "./author-step";
import { importWordPressFile, planWordPressImport, type WordPressImportOptions } from "./import";
import { reasonOf, type ImportReport } from "./report";
import { finishImportRun, startImportRun, updateImportRun, waitForAuthorStep } from "../mutations";
import { NotAWordPressExportError, WxrSyntaxError } from "../wxr/reader";

const PROGRESS_EVERY_MS = 1000;

export type ImportRunOutcome = { runId: string; report: ImportReport | null; error: string | null; waiting: boolean };

/** Why a file could not be imported at all, as the person who gave it should read it. */
export function describeImportFailure(error: unknown): string {
  if (error instanceof WxrSyntaxError) {
    return `The file is not a complete, well-formed WordPress export: at line ${error.line}, column ${error.column}: ${withoutFinalStop(error.reason)}. Nothing was imported.`;
  }
  if (error instanceof NotAWordPressExportError) return `The file is not a WordPress export (WXR 1.0 to 1.2): ${error.reason}. Nothing was imported.`;
  return `The import stopped: ${withoutFinalStop(reasonOf(error))}.`;
}

function withoutFinalStop(text: string): string {
  return text.replace(/[.\s]+$/, "");
}

/**
 * Runs an import. With `askAboutAuthors` (the admin's first run of a file), a run whose export has authors
 * with a Docket login's address stops before writing anything and waits for the author step; the file is
 * kept for it (`waiting`: the caller must not remove it).
 */
export async function runWordPressImport(
  path: string,
  source: string,
  options: WordPressImportOptions,
  startedById: string | null,
  existingRunId?: string,
  { askAboutAuthors = false } = {},
): Promise<ImportRunOutcome> {
  const runId = existingRunId ?? (await startImportRun({ kind: "wordpress", source, dryRun: options.dryRun, startedById })).id;
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  const progress: WordPressImportOptions["onProgress"] = (step) => {
    options.onProgress?.(step);
    const now = Date.now();
    if (now - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = now;
    // While the file is first read, the row only shows it is alive; then items done of items.
    const counts = step.phase === "importing" ? { done: step.done, total: step.total } : { done: 0, total: 0 };
    writing = writing.then(() => updateImportRun(runId, counts)).catch(() => {});
  };
  try {
    const withProgress = { ...options, onProgress: progress };
    const plan = await planWordPressImport(path, withProgress);
    if (askAboutAuthors && !options.dryRun) {
      const candidates = await authorsMatchingLogins(plan);
      if (candidates.length > 0) {
        await writing;
        const step: AuthorStep = { file: path, source, options: keptOptions(options), candidates };
        await waitForAuthorStep(runId, step);
        return { runId, report: null, error: null, waiting: true };
      }
    }
    const report = await importWordPressFile(path, withProgress, plan);
    await writing;
    await finishImportRun(runId, { report, error: null });
    if (!options.dryRun) {
      await recordAudit({ actorId: startedById, action: "wordpress.import", entityType: "ImportRun", entityId: runId, details: { source, counts: report.counts } });
    }
    return { runId, report, error: null, waiting: false };
  } catch (error) {
    await writing;
    const message = describeImportFailure(error);
    if (!(error instanceof WxrSyntaxError || error instanceof NotAWordPressExportError)) console.error(error);
    await finishImportRun(runId, { report: null, error: message });
    return { runId, report: null, error: message, waiting: false };
  }
}
