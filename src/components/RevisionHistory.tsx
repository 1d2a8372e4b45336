// A history screen's body, for posts and pages alike: every saved version in a table, two chosen to
// compare (a plain GET form, so it works without JavaScript), and their differences field by field.
import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import { formatLondonTime } from "@/lib/london-time";
import { AdminTable } from "./AdminTable";
import { RestoreRevisionButton } from "./RestoreRevisionButton";
import { RevisionDiff } from "./RevisionDiff";

export type RevisionRow = { id: string; createdAt: Date; by: string; title: string };

type Compared = { from: Date; to: Date; fields: { label: string; before: string; after: string }[] };

type Props = {
  revisions: RevisionRow[];
  fromId?: string;
  toId?: string;
  compared: Compared | null;
  /** A server action bound to one version, when the viewer may restore; omitted otherwise. */
  restoreFor?: (revisionId: string) => () => Promise<ActionResult>;
};

export function RevisionHistory({ revisions, fromId, toId, compared, restoreFor }: Props): ReactNode {
  return (
    <>
      <form method="get" className="history-form">
        <AdminTable
          rows={revisions}
          rowKey={(revision) => revision.id}
          empty="No versions saved yet."
          columns={[
            {
              header: "Older",
              cell: (revision) => (
                <input type="radio" name="from" value={revision.id} defaultChecked={revision.id === fromId} aria-label={`Compare from ${formatLondonTime(revision.createdAt, "medium")}`} />
              ),
            },
            {
              header: "Newer",
              cell: (revision) => (
                <input type="radio" name="to" value={revision.id} defaultChecked={revision.id === toId} aria-label={`Compare to ${formatLondonTime(revision.createdAt, "medium")}`} />
              ),
            },
            { header: "Saved", cell: (revision) => formatLondonTime(revision.createdAt, "medium") },
            { header: "By", cell: (revision) => revision.by },
            { header: "Title", cell: (revision) => revision.title },
            ...(restoreFor ? [{ header: "Restore", hiddenHeader: true, cell: (revision: RevisionRow) => <RestoreRevisionButton restore={restoreFor(revision.id)} /> }] : []),
          ]}
        />
        <button type="submit">Compare</button>
      </form>
      {compared ? (
        <section aria-label="Differences">
          <h2>
            Changes from {formatLondonTime(compared.from, "medium")} to {formatLondonTime(compared.to, "medium")}
          </h2>
          {compared.fields.every((field) => field.before === field.after) ? (
            <p>These two versions are the same.</p>
          ) : (
            compared.fields.map((field) => <RevisionDiff key={field.label} label={field.label} before={field.before} after={field.after} />)
          )}
        </section>
      ) : (
        <p>There is only one version so far.</p>
      )}
    </>
  );
}
