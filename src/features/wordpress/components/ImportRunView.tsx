import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { formatLondonTime } from "@/lib/london-time";
import { findImportRun } from "../data";
import { IMPORT_KINDS, importReportSchema, mediaSummary } from "../import/report";
import { authorStepSchema } from "../import/author-step";
import { AuthorStepForm } from "./AuthorStepForm";
import { importRunState } from "./import-run-state";
import { RefreshWhileRunning } from "./RefreshWhileRunning";

export async function ImportRunView({ id }: { id: string }) {
  await connection();
  const run = await findImportRun(id);
  if (!run || run.kind !== "wordpress") notFound();
  const state = importRunState(run);
  const parsed = importReportSchema.safeParse(run.report);
  const report = parsed.success ? parsed.data : null;
  const waiting = authorStepSchema.safeParse(run.authorStep);
  const step = waiting.success ? waiting.data : null;
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/import">Import</Link>
      </p>
      <h1>
        {run.dryRun ? "Dry run of " : "Import of "}
        <bdi>{run.source}</bdi>
      </h1>
      <p>
        Started {formatLondonTime(run.startedAt, "medium")}
        {run.finishedAt ? `, finished ${formatLondonTime(run.finishedAt, "medium")}` : ""}.
      </p>
      {state.running ? (
        <>
          <RefreshWhileRunning />
          <p role="status">{run.total > 0 ? `${run.done.toLocaleString("en-GB")} of ${run.total.toLocaleString("en-GB")} items` : "Reading the file…"}</p>
          <progress max={Math.max(run.total, 1)} value={run.total > 0 ? run.done : undefined} aria-label="Import progress" />
        </>
      ) : null}
      {run.status === "WAITING" && step ? (
        <>
          <h2>Authors with a Docket login’s address</h2>
          <p>
            The file has been read and nothing has been written yet. {step.candidates.length === 1 ? "One author" : `${step.candidates.length} authors`} of the export
            {step.candidates.length === 1 ? " has" : " have"} the email address of a login on this site.
          </p>
          <AuthorStepForm runId={run.id} candidates={step.candidates} />
        </>
      ) : null}
      {state.label === "interrupted" ? (
        <p className="form-error">This import stopped without finishing (the server may have restarted). Run it again: it carries on without making copies.</p>
      ) : null}
      {run.error ? <p className="form-error">{run.error}</p> : null}
      {report ? (
        <>
          <p className="form-notice">{mediaSummary(report)}</p>
          <p className="form-notice">{report.dryRun ? "Dry run: nothing was written. This is what the import would do." : `Finished in ${Math.round(report.seconds)} s.`}</p>
          <h2>Counts</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Imported</th>
                  <th scope="col">Updated</th>
                  <th scope="col">Unchanged</th>
                  <th scope="col">Skipped</th>
                </tr>
              </thead>
              <tbody>
                {IMPORT_KINDS.filter((kind) => report.counts[kind]).map((kind) => (
                  <tr key={kind}>
                    <th scope="row">{kind}</th>
                    <td>{report.counts[kind].imported}</td>
                    <td>{report.counts[kind].updated}</td>
                    <td>{report.counts[kind].unchanged}</td>
                    <td>{report.counts[kind].skipped}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Choices made ({report.choices.length + report.moreChoices})</h2>
          {report.choices.length > 0 ? (
            <ul>
              {report.choices.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
              {report.moreChoices > 0 ? <li>… and {report.moreChoices} more</li> : null}
            </ul>
          ) : (
            <p>None.</p>
          )}
          <h2>Problems ({report.problems.length + report.moreProblems})</h2>
          {report.problems.length > 0 ? (
            <ul>
              {report.problems.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
              {report.moreProblems > 0 ? <li>… and {report.moreProblems} more</li> : null}
            </ul>
          ) : (
            <p>None.</p>
          )}
        </>
      ) : null}
    </>
  );
}
