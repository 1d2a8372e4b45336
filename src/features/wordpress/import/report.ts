// What an import did, as it goes: counts per kind (imported, updated, unchanged, skipped), every choice it
// made on the editor's behalf, and every problem, each a sentence naming the item. Printed by the command
// and kept with the run for the admin.
import { z } from "zod";
import { detached } from "../detached-string";

export const IMPORT_KINDS = ["authors", "categories", "tags", "series", "posts", "pages", "comments", "media", "redirects", "menu items"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type Outcome = "imported" | "updated" | "unchanged" | "skipped";

/** Lines kept with a run: past this many, one line says how many more there were. */
const MAX_LINES = 5000;

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  counts: z.record(z.string(), z.object({ imported: z.number(), updated: z.number(), unchanged: z.number(), skipped: z.number() })),
  choices: z.array(z.string()),
  problems: z.array(z.string()),
  moreChoices: z.number().default(0),
  moreProblems: z.number().default(0),
  seconds: z.number().default(0),
});
export type ImportReport = z.output<typeof importReportSchema>;

export class ImportReportBuilder {
  readonly report: ImportReport;

  constructor(dryRun: boolean) {
    this.report = { dryRun, counts: {}, choices: [], problems: [], moreChoices: 0, moreProblems: 0, seconds: 0 };
  }

  count(kind: ImportKind, outcome: Outcome, by = 1): void {
    const counts = (this.report.counts[kind] ??= { imported: 0, updated: 0, unchanged: 0, skipped: 0 });
    counts[outcome] += by;
  }

  choice(line: string): void {
    if (this.report.choices.length < MAX_LINES) this.report.choices.push(detached(oneFullStop(line)));
    else this.report.moreChoices += 1;
  }

  problem(line: string): void {
    if (this.report.problems.length < MAX_LINES) this.report.problems.push(detached(oneFullStop(line)));
    else this.report.moreProblems += 1;
  }
}

/** A line that quotes a message ending in a full stop and adds its own ends with one, not "..". */
function oneFullStop(line: string): string {
  return line.replace(/(?<!\.)\.\.$/, ".");
}

/** "Post 101 “Why short sentences fail everyone”" */
export function describeItem(id: number | string, title: string, kind = "Post"): string {
  const shown = title.trim() === "" ? "(no title)" : `“${title.length > 80 ? `${title.slice(0, 79)}…` : title}”`;
  return `${kind} ${id} ${shown}`;
}

/** The report's first line: how many images and files are in Docket now, and how many were left where they were. */
export function mediaSummary(report: ImportReport): string {
  const media = report.counts.media ?? { imported: 0, updated: 0, unchanged: 0, skipped: 0 };
  const inDocket = media.imported + media.unchanged;
  const earlier = media.unchanged > 0 ? ` (${media.unchanged.toLocaleString("en-GB")} by an earlier run)` : "";
  const left = report.dryRun ? "would be" : media.skipped === 1 ? "is" : "are";
  return `Media: ${inDocket.toLocaleString("en-GB")} ${report.dryRun ? "would be" : "were"} imported${earlier}, ${media.skipped.toLocaleString("en-GB")} ${left} left remote${media.skipped > 0 ? " (each listed under Problems)" : ""}.`;
}

/** The report as text, for the command line. */
export function formatImportReport(report: ImportReport): string {
  const lines: string[] = [mediaSummary(report)];
  lines.push(report.dryRun ? "Dry run: nothing was written. The import would do this:" : "Import finished.");
  for (const kind of IMPORT_KINDS) {
    const counts = report.counts[kind];
    if (!counts) continue;
    const parts = (["imported", "updated", "unchanged", "skipped"] as const).filter((outcome) => counts[outcome] > 0).map((outcome) => `${counts[outcome].toLocaleString("en-GB")} ${outcome}`);
    lines.push(`  ${kind.padEnd(11)} ${parts.join(", ") || "none"}`);
  }
  if (report.choices.length > 0) {
    lines.push("", `Choices made (${report.choices.length + report.moreChoices}):`, ...report.choices.map((line) => `  - ${line}`));
    if (report.moreChoices > 0) lines.push(`  … and ${report.moreChoices} more`);
  }
  if (report.problems.length > 0) {
    lines.push("", `Problems (${report.problems.length + report.moreProblems}):`, ...report.problems.map((line) => `  - ${line}`));
    if (report.moreProblems > 0) lines.push(`  … and ${report.moreProblems} more`);
  } else lines.push("", "No problems.");
  return lines.join("\n");
}

/**
 * Why an item could not be written, in one line for the report: the error's first line that says
 * something (a database error's message starts with an empty line). One with nothing to say is logged.
 */
export function reasonOf(error: unknown): string {
  const line = String((error as Error)?.message ?? "").split("\n").map((part) => part.trim()).find(Boolean);
  if (line) return line;
  console.error(error);
  return "an unexpected error (the server's log has it)";
}
