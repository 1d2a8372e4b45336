import Link from "next/link";
import { env } from "@/lib/env";
import { countRunDeliveries, listDigestRuns, listProblemDeliveries } from "../data";
import { buildDigestPreview } from "../preview";
import { SendTestDigestButton } from "./SendTestDigestButton";

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

function duration(start: Date, end: Date | null): string {
  if (!end) return "running";
  const seconds = Math.round((end.getTime() - start.getTime()) / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m ${seconds % 60}s` : `${seconds}s`;
}

async function RunProblems({ runId }: { runId: string }) {
  const problems = await listProblemDeliveries(runId);
  if (problems.length === 0) return <p>No failed, uncertain or skipped deliveries in this run.</p>;
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Outcome</th>
            <th scope="col">Attempts</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((delivery) => (
            <tr key={delivery.id}>
              <td>{delivery.subscriber.email}</td>
              <td>{delivery.status.toLowerCase()}</td>
              <td>{delivery.attempts}</td>
              <td>{delivery.error}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export async function DigestAdmin({ userEmail, openRunId }: { userEmail: string; openRunId?: string }) {
  const [runs, preview] = await Promise.all([listDigestRuns(30), buildDigestPreview()]);
  const running = runs.find((run) => run.status === "RUNNING");
  const live = running ? await countRunDeliveries(running.id) : null;
  const settings = env();
  return (
    <>
      <h1>Digest</h1>
      <p>
        Runs on the schedule <code>{settings.DIGEST_CRON}</code> ({settings.DIGEST_TIMEZONE}), with the posts published since the previous
        run. Mail goes {settings.SMTP_URL ? "to the SMTP server" : <Link href="/admin/outbox">to the outbox</Link>}.
      </p>
      <h2>Past runs</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Window</th>
              <th scope="col">Status</th>
              <th scope="col">Posts</th>
              <th scope="col">Audience</th>
              <th scope="col">Sent</th>
              <th scope="col">Failed</th>
              <th scope="col">Uncertain</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {runs.length === 0 ? (
              <tr>
                <td colSpan={9}>No digest has run yet.</td>
              </tr>
            ) : null}
            {runs.map((run) => {
              const counts = run.id === running?.id && live ? { sent: live.SENT ?? 0, failed: live.FAILED ?? 0, uncertain: live.UNCERTAIN ?? 0 } : { sent: run.sentCount, failed: run.failedCount, uncertain: run.uncertainCount };
              return (
                <tr key={run.id}>
                  <td>{dateTime.format(run.startedAt)}</td>
                  <td>
                    {dateTime.format(run.windowStart)} → {dateTime.format(run.windowEnd)}
                  </td>
                  <td>
                    {run.status === "EMPTY" ? "nothing new" : run.status.toLowerCase()}
                  </td>
                  <td>{run.postIds.length}</td>
                  <td>{run.audienceSize}</td>
                  <td>{counts.sent}</td>
                  <td>{counts.failed}</td>
                  <td>{counts.uncertain > 0 ? <strong>{counts.uncertain}</strong> : 0}</td>
                  <td>
                    {duration(run.startedAt, run.finishedAt)}
                    {counts.failed + counts.uncertain > 0 || run.audienceSize > counts.sent ? (
                      <>
                        {" "}
                        · <Link href={`/admin/digest?run=${run.id}#problems`}>details</Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="form-hint">
        Uncertain: the worker stopped after handing the email to the mail server and before recording the answer. It may have been
        delivered, so it is never sent again.
      </p>
      {openRunId ? (
        <section id="problems">
          <h2>Problems in the selected run</h2>
          <RunProblems runId={openRunId} />
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
