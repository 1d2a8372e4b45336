// One complaint as the editors see it: what the complainant sent, its clocks, the note trail, and
// what to do next (acknowledge, investigate, escalate, resolve with an outcome, or resolve with a correction).
import Link from "next/link";
import { formatLondonTime } from "@/lib/london-time";
import { acknowledgeBy, resolveBy } from "../clocks";
import type { findComplaint } from "../data";
import { complaintReference } from "../notifications";
import { OUTCOMES, STATUSES } from "../choices";
import { ComplaintNoteForm, MoveComplaintForm, ResolveWithCorrectionButton } from "./complaint-forms";
import { Clock, clauseName } from "./ComplaintsQueue";
import styles from "./Complaints.module.css";

type Complaint = NonNullable<Awaited<ReturnType<typeof findComplaint>>>;

export function ComplaintDetail({ complaint, now }: { complaint: Complaint; now: Date }) {
  const open = complaint.status !== "RESOLVED";
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/complaints">Complaints</Link>
      </p>
      <h1>Complaint {complaintReference(complaint.id)}</h1>
      <p>
        {STATUSES[complaint.status]}
        {complaint.outcome ? `: ${OUTCOMES[complaint.outcome].toLowerCase()}` : ""}
      </p>
      <div className={styles.clocks}>
        <Clock label="Acknowledge" deadline={acknowledgeBy(complaint.receivedAt)} done={complaint.acknowledgedAt} now={now} />
        <Clock label="Resolve" deadline={resolveBy(complaint.receivedAt)} done={complaint.resolvedAt} now={now} />
      </div>
      <dl className={styles.details}>
        <dt>Received</dt>
        <dd>{formatLondonTime(complaint.receivedAt, "medium")}</dd>
        <dt>From</dt>
        <dd>
          {complaint.name} &lt;{complaint.email}&gt;
        </dd>
        <dt>Post</dt>
        <dd>
          {complaint.post ? <Link href={`/admin/posts/${complaint.post.id}`}>{complaint.post.title}</Link> : "Not one of ours, as given:"} {complaint.postAddress}
        </dd>
        <dt>About</dt>
        <dd>{clauseName(complaint.clause)}</dd>
        <dt>What is wrong</dt>
        <dd>{complaint.whatIsWrong}</dd>
        <dt>What would put it right</dt>
        <dd>{complaint.whatWouldPutItRight}</dd>
      </dl>
      {open && (
        <section aria-labelledby="next-heading">
          <h2 id="next-heading">What happens next</h2>
          <div className={styles.actions}>
            <MoveComplaintForm complaintId={complaint.id} status={complaint.status} />
            {complaint.post?.status === "PUBLISHED" && <ResolveWithCorrectionButton complaintId={complaint.id} />}
          </div>
        </section>
      )}
      <section aria-labelledby="trail-heading">
        <h2 id="trail-heading">Notes</h2>
        {complaint.notes.length === 0 ? (
          <p className="form-hint">No notes yet.</p>
        ) : (
          <ol className={styles.trail}>
            {complaint.notes.map((note) => (
              <li key={note.id}>
                <p className="form-hint">
                  {note.authorName} · {formatLondonTime(note.createdAt, "medium")}
                </p>
                <p className="note-body">{note.body}</p>
              </li>
            ))}
          </ol>
        )}
        <ComplaintNoteForm complaintId={complaint.id} />
      </section>
    </>
  );
}
