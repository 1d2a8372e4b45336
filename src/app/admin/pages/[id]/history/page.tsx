import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { RevisionHistory } from "@/components/RevisionHistory";
import { findPageAccessFacts, findPageRevision, listPageRevisions } from "@/features/pages/data";
import { canEditPage, canViewPageInAdmin } from "@/features/pages/permissions";
import { restorePageRevisionAction } from "@/features/pages/actions";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Page history" };

export default async function PageHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const user = await requireUser("pages.draft");
  const page = await findPageAccessFacts((await params).id);
  if (!page) notFound();
  if (!canViewPageInAdmin(user, page)) forbidden();
  const revisions = await listPageRevisions(page.id);
  const query = await searchParams;
  const toId = firstParam(query, "to") ?? revisions[0]?.id;
  const fromId = firstParam(query, "from") ?? revisions[1]?.id;
  const [from, to] = await Promise.all([fromId ? findPageRevision(page.id, fromId) : null, toId ? findPageRevision(page.id, toId) : null]);

  return (
    <>
      <p className="breadcrumbs">
        <Link href={`/admin/pages/${page.id}`}>Back to the page</Link>
      </p>
      <h1>Page history</h1>
      <p className="form-hint">Every save that changed the title, description or text is kept. Pick two versions to compare.</p>
      <RevisionHistory
        revisions={revisions.map((revision) => ({
          id: revision.id,
          createdAt: revision.createdAt,
          by: revision.author?.profile?.displayName ?? revision.author?.email ?? "Unknown",
          title: `${revision.number}. ${revision.title}${page.status === "PUBLISHED" && revision.id === page.liveRevisionId ? " (live)" : ""}`,
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
                  { label: "Description", before: from.description, after: to.description },
                  { label: "Text", before: from.bodyMarkdown, after: to.bodyMarkdown },
                ],
              }
            : null
        }
        restoreFor={canEditPage(user, page) ? (revisionId) => restorePageRevisionAction.bind(null, page.id, revisionId) : undefined}
      />
    </>
  );
}
