import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { AdminTable } from "@/components/AdminTable";
import { findPostAccessFacts, findRevision, listRevisions } from "@/features/posts/admin/data";
import { canEditPost, canViewPost } from "@/features/posts/permissions";
import { formatLondonTime } from "@/lib/london-time";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { RevisionDiff } from "@/features/posts/admin/components/revision-diff";
import { RestoreButton } from "@/features/posts/admin/components/restore-button";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "History" };

export default async function PostHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const { id } = await params;
  const post = await findPostAccessFacts(id);
  if (!post) notFound();
  if (!canViewPost(user, post)) forbidden();
  const revisions = await listRevisions(post.id);
  const query = await searchParams;
  const toId = firstParam(query, "to") ?? revisions[0]?.id;
  const fromId = firstParam(query, "from") ?? revisions[1]?.id;
  const [from, to] = await Promise.all([fromId ? findRevision(post.id, fromId) : null, toId ? findRevision(post.id, toId) : null]);
  const mayRestore = canEditPost(user, post);
  const authorOf = (revision: (typeof revisions)[number]) => revision.author?.profile?.displayName ?? revision.author?.email ?? "Unknown";

  return (
    <>
      <p className="breadcrumbs">
        <Link href={`/admin/posts/${post.id}`}>Back to the post</Link>
      </p>
      <h1>History</h1>
      <p className="form-hint">Every save that changed the text is kept. Pick two versions to compare.</p>
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
            { header: "By", cell: authorOf },
            { header: "Title", cell: (revision) => revision.title },
            ...(mayRestore ? [{ header: "Restore", hiddenHeader: true, cell: (revision: (typeof revisions)[number]) => <RestoreButton postId={post.id} revisionId={revision.id} /> }] : []),
          ]}
        />
        <button type="submit">Compare</button>
      </form>
      {from && to ? (
        <section aria-label="Differences">
          <h2>
            Changes from {formatLondonTime(from.createdAt, "medium")} to {formatLondonTime(to.createdAt, "medium")}
          </h2>
          {from.title === to.title && from.standfirst === to.standfirst && from.bodyMarkdown === to.bodyMarkdown ? (
            <p>These two versions are the same.</p>
          ) : (
            <>
              <RevisionDiff label="Title" before={from.title} after={to.title} />
              <RevisionDiff label="Standfirst" before={from.standfirst ?? ""} after={to.standfirst ?? ""} />
              <RevisionDiff label="Text" before={from.bodyMarkdown} after={to.bodyMarkdown} />
            </>
          )}
        </section>
      ) : (
        <p>There is only one version so far.</p>
      )}
    </>
  );
}
