// One import as a run the admin can follow: a row that records its progress while it goes and keeps its
// report (or why it stopped) afterwards. The command line and the admin's Import page both start imports here.
import { recordAudit } from "@/lib/audit";
import { importWordPressFile, type WordPressImportOptions } from "./import";
import { reasonOf, type ImportReport } from "./import-report";
import { finishImportRun, startImportRun, updateImportRun } from "./mutations";
import { WxrSyntaxError } from "./wxr-reader";

const PROGRESS_EVERY_MS = 1000;

export type ImportRunOutcome = { runId: string; report: ImportReport | null; error: string | null };

/** Why a file could not be imported at all, as the person who gave it should read it. */
export function describeImportFailure(error: unknown): string {
  if (error instanceof WxrSyntaxError) {
    return `The file is not a complete, well-formed WordPress export: at line ${error.line}, column ${error.column}: ${error.reason}. Nothing was imported.`;
  }
  return `The import stopped: ${reasonOf(error)}`;
}

export async function runWordPressImport(path: string, source: string, options: WordPressImportOptions, startedById: string | null, existingRunId?: string): Promise<ImportRunOutcome> {
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
    const report = await importWordPressFile(path, { ...options, onProgress: progress });
    await writing;
    await finishImportRun(runId, { report, error: null });
    if (!options.dryRun) {
      await recordAudit({ actorId: startedById, action: "wordpress.import", entityType: "ImportRun", entityId: runId, details: { source, counts: report.counts } });
    }
    return { runId, report, error: null };
  } catch (error) {
    await writing;
    const message = describeImportFailure(error);
    if (!(error instanceof WxrSyntaxError)) console.error(error);
    await finishImportRun(runId, { report: null, error: message });
    return { runId, report: null, error: message };
  }
}
