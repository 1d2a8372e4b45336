import Link from "next/link";
import { env } from "@/lib/env";
import { listOutbox, readOutboxMessage } from "@/lib/mail/outbox";
import { formatLondonTime } from "@/lib/london-time";
import { AdminTable } from "@/components/AdminTable";

export const OUTBOX_PAGE_SIZE = 50;

export async function OutboxList({ page }: { page: number }) {
  const { total, entries } = await listOutbox({ limit: OUTBOX_PAGE_SIZE, offset: (page - 1) * OUTBOX_PAGE_SIZE });
  const messages = await Promise.all(entries.map(async (entry) => ({ entry, message: await readOutboxMessage(entry.file) })));
  const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  return (
    <>
      <h1>Outbox</h1>
      <p>
        {env().SMTP_URL
          ? "Mail is going to the SMTP server (SMTP_URL); this folder only holds mail written before that was set."
          : "Without SMTP_URL, every email Docket sends is written here instead of being delivered."}{" "}
        {total} message(s), newest first.
      </p>
      <AdminTable
        rows={messages}
        rowKey={({ entry }) => entry.file}
        empty="The outbox is empty."
        columns={[
          { header: "Written", cell: ({ entry }) => formatLondonTime(entry.sentAt, "medium") },
          { header: "To", cell: ({ message }) => message?.to },
          { header: "Subject", cell: ({ entry, message }) => <Link href={`/admin/outbox/${encodeURIComponent(entry.file)}`}><bdi>{message?.subject || "(no subject)"}</bdi></Link> },
        ]}
      />
      <nav className="actions-row" aria-label="Pages">
        {page > 1 ? <Link href={`/admin/outbox?page=${page - 1}`}>← Newer</Link> : null}
        <span>
          Page {page} of {pages}
        </span>
        {page < pages ? <Link href={`/admin/outbox?page=${page + 1}`}>Older →</Link> : null}
      </nav>
    </>
  );
}

export async function OutboxMessageView({ file }: { file: string }) {
  const message = await readOutboxMessage(file);
  if (!message) {
    return (
      <>
        <h1>Message not found</h1>
        <p>
          It may have been removed from the outbox folder. <Link href="/admin/outbox">Back to the outbox</Link>
        </p>
      </>
    );
  }
  const shownHeaders = message.headers.filter((header) => /^(from|to|subject|date|message-id|list-unsubscribe|list-unsubscribe-post|list-id|precedence)$/i.test(header.name));
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/outbox">Outbox</Link>
      </p>
      <h1>{message.subject || "(no subject)"}</h1>
      <dl className="field-grid">
        {shownHeaders.map((header) => (
          <div key={header.name}>
            <dt>
              <code>{header.name}</code>
            </dt>
            <dd style={{ margin: 0, wordBreak: "break-all" }}>{header.value}</dd>
          </div>
        ))}
      </dl>
      {message.html ? (
        <>
          <h2>HTML part</h2>
          <iframe title="Message (HTML part)" srcDoc={message.html} sandbox="" style={{ width: "100%", height: "36rem", border: "1px solid #ccc", background: "#fff" }} />
        </>
      ) : null}
      <h2>Text part</h2>
      <pre style={{ whiteSpace: "pre-wrap", wordBreak: "break-word", border: "1px solid #ccc", padding: "1rem" }}>{message.text}</pre>
    </>
  );
}
