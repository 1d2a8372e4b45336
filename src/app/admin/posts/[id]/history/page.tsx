import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { RevisionHistory } from "@/components/RevisionHistory";
import { findLiveRevisionId, findPostAccessFacts, findRevision, listRevisions } from "@/features/posts/admin/data";
import { canEditPost, canViewPost } from "@/features/posts/permissions";
import { restoreRevisionAction } from "@/features/posts/actions";
import { firstParam, type SearchParams } from "@/lib/search-params";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "History" };

export default async function PostHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const { id } = await params;
  const post = await findPostAccessFacts(id);
  if (!post) notFound();
  if (!canViewPost(user, post)) forbidden();
  const [revisions, liveRevisionId] = await Promise.all([listRevisions(post.id), findLiveRevisionId(post.id)]);
  const query = await searchParams;
  const toId = firstParam(query, "to") ?? revisions[0]?.id;
  const fromId = firstParam(query, "from") ?? revisions[1]?.id;
  const [from, to] = await Promise.all([fromId ? findRevision(post.id, fromId) : null, toId ? findRevision(post.id, toId) : null]);

  return (
    <>
      <p className="breadcrumbs">
        <Link href={`/admin/posts/${post.id}`}>Back to the post</Link>
      </p>
      <h1>History</h1>
      <p className="form-hint">Every save that changed the post is kept, numbered; “live” marks the version readers get. Pick two versions to compare.</p>
      <RevisionHistory
        revisions={revisions.map((revision) => ({
          id: revision.id,
          createdAt: revision.createdAt,
          by: revision.author?.profile?.displayName ?? revision.author?.email ?? "Unknown",
          title: `${revision.number}. ${revision.title}${revision.id === liveRevisionId ? " (live)" : ""}`,
        }))}
        fromId={fromId}
        toId={toId}
        compared={
          from && to
            ? {
                from: from.createdAt,
                to: to.createdAt,
                fields: [
                  { label: "Title", before: from.title, after: to.title },
                  { label: "Standfirst", before: from.standfirst ?? "", after: to.standfirst ?? "" },
                  { label: "Text", before: from.bodyMarkdown, after: to.bodyMarkdown },
                ],
              }
            : null
        }
        restoreFor={canEditPost(user, post) ? (revisionId) => restoreRevisionAction.bind(null, post.id, revisionId) : undefined}
      />
    </>
  );
}
