// /admin/complaints: open complaints oldest first with their two clocks, then the resolved ones, and
// the yearly summary download.
import Link from "next/link";
import { AdminTable } from "@/components/AdminTable";
import { formatLondonTime } from "@/lib/london-time";
import { acknowledgeBy, deadlineInWords, resolveBy } from "../clocks";
import type { listComplaints } from "../data";
import { complaintReference } from "../notifications";
import { CODE_CLAUSES, OUTCOMES, STATUSES, type CodeClause } from "../choices";
import styles from "./Complaints.module.css";

type Row = Awaited<ReturnType<typeof listComplaints>>["open"][number];

export const clauseName = (clause: string) => CODE_CLAUSES[clause as CodeClause] ?? clause;

export function Clock({ label, deadline, done, now }: { label: string; deadline: Date; done: Date | null; now: Date }) {
  if (done) return <span className={styles.met}>{label}: done {formatLondonTime(done, "medium")}</span>;
  const standing = deadlineInWords(deadline, now);
  return (
    <span className={standing.overdue ? styles.overdue : undefined}>
      {label} by {formatLondonTime(deadline, "medium")} ({standing.text})
    </span>
  );
}

const subject = (row: Row) => (
  <Link href={`/admin/complaints/${row.id}`}>
    {complaintReference(row.id)}: {row.post?.title ?? "a post we could not match"}
  </Link>
);

export function ComplaintsQueue({ complaints, now }: { complaints: Awaited<ReturnType<typeof listComplaints>>; now: Date }) {
  const year = now.getUTCFullYear();
  return (
    <>
      <h1>Complaints</h1>
      <p className="form-hint">
        Every complaint is acknowledged within 7 days and resolved within 28; editors get an email when either deadline is two (or five) days away.
      </p>
      <h2>Open</h2>
      <AdminTable
        rows={complaints.open}
        rowKey={(row) => row.id}
        empty="No open complaints."
        columns={[
          { header: "Complaint", cell: subject },
          { header: "About", cell: (row) => clauseName(row.clause) },
          { header: "State", cell: (row) => STATUSES[row.status] },
          {
            header: "Clocks",
            cell: (row) => (
              <div className={styles.clocks}>
                <Clock label="Acknowledge" deadline={acknowledgeBy(row.receivedAt)} done={row.acknowledgedAt} now={now} />
                <Clock label="Resolve" deadline={resolveBy(row.receivedAt)} done={row.resolvedAt} now={now} />
              </div>
            ),
          },
        ]}
      />
      <h2>Resolved</h2>
      <AdminTable
        rows={complaints.resolved}
        rowKey={(row) => row.id}
        empty="None resolved yet."
        columns={[
          { header: "Complaint", cell: subject },
          { header: "About", cell: (row) => clauseName(row.clause) },
          { header: "Outcome", cell: (row) => (row.outcome ? OUTCOMES[row.outcome] : "") },
          { header: "Resolved", cell: (row) => (row.resolvedAt ? formatLondonTime(row.resolvedAt, "medium") : "") },
        ]}
      />
      <h2>Yearly summary</h2>
      <p>
        Counts by clause and outcome, for the annual statement: <a href={`/admin/complaints/summary.csv?year=${year}`}>{year} (CSV)</a> ·{" "}
        <a href={`/admin/complaints/summary.csv?year=${year - 1}`}>{year - 1} (CSV)</a>
      </p>
    </>
  );
}
