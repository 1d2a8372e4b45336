import Link from "next/link";
import { AdminTable } from "@/components/AdminTable";
import { env } from "@/lib/env";
import { formatLondonTime } from "@/lib/london-time";
import { countRunDeliveries, listDigestRuns, listProblemDeliveries } from "../data";
import { buildDigestPreview } from "../preview";
import { describeUncertainDeliveries } from "../resend";
import { ResendUncertainForm } from "./ResendUncertainForm";
import { readSiteSettings } from "@/features/site/data";
import { SendTestDigestButton } from "./SendTestDigestButton";

function duration(start: Date, end: Date | null): string {
  if (!end) return "running";
  const seconds = Math.round((end.getTime() - start.getTime()) / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m ${seconds % 60}s` : `${seconds}s`;
}

async function RunProblems({ runId, finished }: { runId: string; finished: boolean }) {
  const [problems, counts, warning] = await Promise.all([listProblemDeliveries(runId), countRunDeliveries(runId), describeUncertainDeliveries(runId)]);
  const uncertain = counts.UNCERTAIN ?? 0;
  const waiting = (counts.PENDING ?? 0) + (counts.SENDING ?? 0);
  return (
    <>
      {uncertain > 0 ? <ResendUncertainForm runId={runId} uncertain={uncertain} warning={warning} /> : null}
      {waiting > 0 ? (
        <p className="form-hint">
          {waiting} {waiting === 1 ? "delivery" : "deliveries"} of this run still to be sent
          {finished ? ": the worker sends them at its next check, within 10 minutes." : "."}
        </p>
      ) : null}
      <ProblemTable problems={problems} />
    </>
  );
}

function ProblemTable({ problems }: { problems: Awaited<ReturnType<typeof listProblemDeliveries>> }) {
  return (
    <AdminTable
      rows={problems}
      rowKey={(delivery) => delivery.id}
      empty="No failed, uncertain or skipped deliveries in this run."
      columns={[
        { header: "Address", cell: (delivery) => delivery.subscriber.email },
        { header: "Outcome", cell: (delivery) => delivery.status.toLowerCase() },
        { header: "Attempts", cell: (delivery) => delivery.attempts },
        { header: "Why", cell: (delivery) => delivery.error },
      ]}
    />
  );
}

export async function DigestAdmin({ userEmail, openRunId, canChangeTime = false }: { userEmail: string; openRunId?: string; canChangeTime?: boolean }) {
  const [runs, preview, site] = await Promise.all([listDigestRuns(30), buildDigestPreview(), readSiteSettings()]);
  const running = runs.find((run) => run.status === "RUNNING");
  const live = running ? await countRunDeliveries(running.id) : null;
  const settings = env();
  const countsOf = (run: (typeof runs)[number]) =>
    run.id === running?.id && live ? { sent: live.SENT ?? 0, failed: live.FAILED ?? 0, uncertain: live.UNCERTAIN ?? 0 } : { sent: run.sentCount, failed: run.failedCount, uncertain: run.uncertainCount };
  return (
    <>
      <h1>Digest</h1>
      <p>
        Runs every day at {site.digestTime} ({site.digestTimeZone.replaceAll("_", " ")}
        {site.digestTimeZone === "Europe/London" ? ", UK time" : ""}), with the posts published since the previous run
        {canChangeTime ? (
          <>
            {" "}
            (<Link href="/admin/settings">change the time</Link>)
          </>
        ) : null}
        . Mail goes {settings.SMTP_URL ? "to the SMTP server" : <Link href="/admin/outbox">to the outbox</Link>}.
      </p>
      <h2>Past runs</h2>
      <AdminTable
        rows={runs}
        rowKey={(run) => run.id}
        empty="No digest has run yet."
        columns={[
          { header: "Started", cell: (run) => formatLondonTime(run.startedAt, "medium") },
          { header: "Window", cell: (run) => `${formatLondonTime(run.windowStart, "medium")} → ${formatLondonTime(run.windowEnd, "medium")}` },
          { header: "Status", cell: (run) => (run.status === "EMPTY" ? "nothing new" : run.status.toLowerCase()) },
          { header: "Posts", cell: (run) => run.postIds.length },
          { header: "Audience", cell: (run) => run.audienceSize },
          { header: "Sent", cell: (run) => countsOf(run).sent },
          { header: "Failed", cell: (run) => countsOf(run).failed },
          { header: "Uncertain", cell: (run) => (countsOf(run).uncertain > 0 ? <strong>{countsOf(run).uncertain}</strong> : 0) },
          {
            header: "Duration",
            cell: (run) => (
              <>
                {duration(run.startedAt, run.finishedAt)}
                {countsOf(run).failed + countsOf(run).uncertain > 0 || run.audienceSize > countsOf(run).sent ? (
                  <>
                    {" "}
                    · <Link href={`/admin/digest?run=${run.id}#problems`}>details</Link>
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
      <p className="form-hint">
        Uncertain: the email was on its way to the mail server (the worker stopped, or the connection broke, in the middle of it) and
        the server&rsquo;s answer was never recorded. It may have been delivered, so it is not sent again unless you choose to resend
        it (open the run&rsquo;s details).
      </p>
      {openRunId ? (
        <section id="problems">
          <h2>Problems in the selected run</h2>
          <RunProblems runId={openRunId} finished={runs.find((run) => run.id === openRunId)?.status !== "RUNNING"} />
        </section>
      ) : null}
      <h2>Tomorrow&rsquo;s digest</h2>
      {!preview ? (
        <p>Nothing is published yet, so there is nothing to preview.</p>
      ) : (
        <>
          <p>
            {preview.isSample
              ? "No new posts are due before the next run yet (it would send nothing). Here is how it looks with the latest posts:"
              : `${preview.posts.length} post(s) so far.`}{" "}
            Subject: <strong>{preview.message.subject}</strong>
          </p>
          <SendTestDigestButton email={userEmail} />
          <h3>HTML</h3>
          <iframe title="Digest preview (HTML)" srcDoc={preview.message.html} sandbox="" style={{ width: "100%", height: "36rem", border: "1px solid #ccc", background: "#fff" }} />
          <h3>Plain text</h3>
          <pre style={{ whiteSpace: "pre-wrap", border: "1px solid #ccc", padding: "1rem", maxHeight: "30rem", overflow: "auto" }}>{preview.message.text}</pre>
        </>
      )}
    </>
  );
}
