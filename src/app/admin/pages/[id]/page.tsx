import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { renderPostMarkdown } from "@/lib/markdown";
import { paths } from "@/lib/seo";
import { findPageForEditing } from "@/features/pages/data";
import { canViewPageInAdmin, pageActionFlags } from "@/features/pages/permissions";
import { PageEditor } from "@/features/pages/components/PageEditor";
import { PageActions } from "@/features/pages/components/PageActions";
import { DownloadsEditor } from "@/features/pages/components/DownloadsEditor";
import { PageStatusBadge } from "@/features/pages/components/PageStatusBadge";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Edit page" };

export default async function EditPagePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("pages.draft");
  const page = await findPageForEditing((await params).id);
  if (!page) notFound();
  if (!canViewPageInAdmin(user, page)) forbidden();
  const flags = pageActionFlags(user, page);
  const html = renderPostMarkdown(page.latest.fields.bodyMarkdown).html;

  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/pages">Pages</Link> · <Link href={`/admin/pages/${page.id}/history`}>History</Link>
        {page.status === "PUBLISHED" && (
          <>
            {" "}
            · <a href={paths.page(page.slug)}>View on the site</a>
          </>
        )}
      </p>
      <h1>
        {page.title} <PageStatusBadge status={page.status} />
      </h1>
      {!flags.edit && <p className="form-hint">This page is published: only an editor can change it now.</p>}
      {flags.edit ? (
        <>
          <PageEditor
            pageId={page.id}
            version={page.latest}
            live={page.status === "PUBLISHED" ? (page.live ?? page.latest).fields : null}
            initialHtml={html}
            slugFollowsTitle={!page.publishedAt}
            flags={flags}
            status={page.status}
          />
          <DownloadsEditor pageId={page.id} downloads={page.downloads} />
        </>
      ) : (
        <>
          <div className="post-preview" dangerouslySetInnerHTML={{ __html: html }} />
          <PageActions pageId={page.id} title={page.title} flags={flags} status={page.status} />
        </>
      )}
    </>
  );
}
