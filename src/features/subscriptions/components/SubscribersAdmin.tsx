import Link from "next/link";
import { AdminTable } from "@/components/AdminTable";
import { formatUkDate } from "@/lib/london-time";
import { removeSubscriberAction } from "../actions";
import { listSubscribers, SUBSCRIBERS_PAGE_SIZE, type SubscriberStatusFilter } from "../data";
import { ImportSubscribersForm } from "./ImportSubscribersForm";

const STATUSES = ["ACTIVE", "PENDING", "PAUSED", "UNSUBSCRIBED", "BOUNCED"] as const;
const NOTICES: Record<string, string> = { removed: "Subscriber removed.", missing: "That subscriber was already gone." };

function listHref(query: string, status: SubscriberStatusFilter, page = 1) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (status) params.set("status", status);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return `/admin/subscribers${text ? `?${text}` : ""}`;
}

export async function SubscribersAdmin({ query, status, page, notice }: { query: string; status: SubscriberStatusFilter; page: number; notice?: string }) {
  const { subscribers, total, counts } = await listSubscribers({ query, status, page });
  const pages = Math.max(1, Math.ceil(total / SUBSCRIBERS_PAGE_SIZE));
  const here = listHref(query, status, page);
  return (
    <>
      <h1>Subscribers</h1>
      {notice && NOTICES[notice] ? (
        <p className="form-notice" role="status">
          {NOTICES[notice]}
        </p>
      ) : null}
      <p>
        {STATUSES.map((name) => `${name.toLowerCase()} ${counts[name] ?? 0}`).join(" · ")} ·{" "}
        <a href="/admin/subscribers/export" download>
          Export all as CSV
        </a>
      </p>
      <form method="get" action="/admin/subscribers" className="actions-row" role="search">
        <label htmlFor="subscriber-search" className="field-label">
          Search by address
        </label>
        <input id="subscriber-search" type="text" name="q" defaultValue={query} placeholder="part of an address" maxLength={200} />
        <select name="status" defaultValue={status ?? ""} aria-label="Status">
          <option value="">Any status</option>
          {STATUSES.map((name) => (
            <option key={name} value={name}>
              {name.toLowerCase()}
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
      </form>
      <AdminTable
        rows={subscribers}
        rowKey={(subscriber) => subscriber.id}
        empty="No subscribers match."
        columns={[
          {
            header: "Address",
            cell: (subscriber) => (
              <>
                {subscriber.email}
                {subscriber.consentNote ? <div className="form-hint">{subscriber.consentNote}</div> : null}
              </>
            ),
          },
          {
            header: "Status",
            cell: (subscriber) => (
              <>
                <span className={`status status-${subscriber.status}`}>{subscriber.status.toLowerCase()}</span>
                {subscriber.permanentFailures > 0 ? <div className="form-hint">{subscriber.permanentFailures} hard bounce(s)</div> : null}
              </>
            ),
          },
          { header: "Receives", cell: (subscriber) => (subscriber.allPosts ? "All posts" : [...subscriber.seriesTitles, ...subscriber.categoryNames].join(", ") || "Nothing chosen") },
          { header: "Confirmed", cell: (subscriber) => (subscriber.confirmedAt ? formatUkDate(subscriber.confirmedAt) : "—") },
          { header: "Since", cell: (subscriber) => formatUkDate(subscriber.createdAt) },
          {
            header: "Actions",
            hiddenHeader: true,
            cell: (subscriber) => (
              <form action={removeSubscriberAction}>
                <input type="hidden" name="subscriberId" value={subscriber.id} />
                <input type="hidden" name="back" value={here} />
                <button type="submit" className="secondary" aria-label={`Remove ${subscriber.email}`}>
                  Remove
                </button>
              </form>
            ),
          },
        ]}
      />
      <nav className="actions-row" aria-label="Pages">
        {page > 1 ? <Link href={listHref(query, status, page - 1)}>← Newer</Link> : null}
        <span>
          Page {page} of {pages} ({total} in all)
        </span>
        {page < pages ? <Link href={listHref(query, status, page + 1)}>Older →</Link> : null}
      </nav>
      <h2>Import</h2>
      <ImportSubscribersForm />
    </>
  );
}
