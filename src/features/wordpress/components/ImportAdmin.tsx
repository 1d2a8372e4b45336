import Link from "next/link";
import { AdminTable } from "@/components/AdminTable";
import { formatLondonTime } from "@/lib/london-time";
import { listImportRuns } from "../data";
import { importRunState } from "./import-run-state";
import { ImportForm } from "./ImportForm";

export async function ImportAdmin() {
  const runs = await listImportRuns();
  return (
    <>
      <h1>Import from WordPress</h1>
      <p>
        Brings a WordPress site’s posts, pages, comments, authors, categories, tags and series into Docket (and, if you ask, its menu as the header menu), and keeps its old links working. Run it as
        often as you like: a second run updates what changed and adds what is new, and never makes copies. Try a dry run first.
      </p>
      <ImportForm />
      <p className="form-hint">
        From the command line, with a copy of the old site’s uploads folder: <code>npm run import:wordpress -- export.xml --media wp-content/uploads</code>.
      </p>
      <h2>Imports so far</h2>
      <AdminTable
        rows={runs}
        rowKey={(run) => run.id}
        empty="Nothing has been imported yet."
        columns={[
          { header: "Started", cell: (run) => <Link href={`/admin/import/${run.id}`}>{formatLondonTime(run.startedAt, "medium")}</Link> },
          { header: "File", cell: (run) => <bdi>{run.source}</bdi> },
          { header: "Kind", cell: (run) => (run.dryRun ? "dry run" : "import") },
          { header: "State", cell: (run) => importRunState(run).label },
        ]}
      />
    </>
  );
}
