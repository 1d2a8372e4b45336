import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { AdminTable } from "@/components/AdminTable";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { listTagsForAdmin } from "@/features/tags/data";
import { TagMergeForm } from "@/features/tags/components/TagForms";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Tags" };

export default async function TagsAdminPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser("tags.manage");
  const [tags, params] = await Promise.all([listTagsForAdmin(), searchParams]);
  const notice = firstParam(params, "merged") ? "Tags merged." : firstParam(params, "deleted") ? "Tag deleted." : null;
  return (
    <>
      <h1>Tags</h1>
      {notice && (
        <p className="form-notice" role="status">
          {notice}
        </p>
      )}
      <p className="form-hint">Writers add tags in the post editor. Here you rename, merge and delete them.</p>
      <AdminTable
        rows={tags}
        rowKey={(tag) => tag.id}
        empty="No tags yet."
        columns={[
          { header: "Tag", cell: (tag) => <Link href={`/admin/tags/${tag.id}`}>{tag.name}</Link> },
          { header: "Address", cell: (tag) => <code>/tags/{tag.slug}</code> },
          { header: "Posts", cell: (tag) => tag.postCount },
        ]}
      />
      {tags.length > 1 && (
        <section className="card" aria-labelledby="merge-heading">
          <h2 id="merge-heading">Merge two tags</h2>
          <TagMergeForm tags={tags} />
        </section>
      )}
    </>
  );
}
