import { listTablesWithContent } from "../data";
import { RestoreBackupForm } from "./RestoreBackupForm";

export async function BackupAdmin() {
  const withContent = await listTablesWithContent();
  return (
    <>
      <h1>Backup</h1>
      <section aria-labelledby="download-heading">
        <h2 id="download-heading">Download the whole site</h2>
        <p>
          One file with everything: posts and their revisions, pages, comments, bylines and logins, series, categories, tags, subscribers with their
          consent record, settings, the audit log and every uploaded file. Sign-in sessions are never in it. Keep it somewhere safe: it holds
          private addresses.
        </p>
        <p>
          <a className="button" href="/admin/backup/download" download>
            Download a backup (.json.gz)
          </a>
        </p>
        <p className="form-hint">
          The file ends with a manifest: how many rows each table has and a checksum of everything before it. A download that stopped part-way,
          or a file changed since, is refused by a restore before anything is written; <code>npm run import:docket -- --check backup.json.gz</code>{" "}
          checks a file without restoring it. The same download from the command line: <code>npm run export -- --format docket backup.json.gz</code>.
        </p>
      </section>
      <section aria-labelledby="restore-heading">
        <h2 id="restore-heading">Restore a backup</h2>
        {withContent.length === 0 ? (
          <>
            <p>
              This site has no content yet, so a backup can be restored into it. Its logins and settings are replaced by the backup’s: you will
              be signed out and sign in again with a login from the backup.
            </p>
            <RestoreBackupForm />
          </>
        ) : (
          <p>
            A backup is restored only into an empty site, so that nothing here is overwritten. Start a new Docket with an empty database
            (<code>DOCKET_DEMO_CONTENT=false</code>) and restore there, here or with <code>npm run import:docket -- backup.json.gz</code>.
          </p>
        )}
      </section>
    </>
  );
}
