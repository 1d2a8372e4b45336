import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { findTagForEditing, listTagsForAdmin } from "@/features/tags/data";
import { TagDeletion, TagMergeForm, TagRenameForm } from "@/features/tags/components/TagForms";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Edit tag" };

export default async function EditTagPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("tags.manage");
  const { id } = await params;
  const [tag, all] = await Promise.all([findTagForEditing(id), listTagsForAdmin()]);
  if (!tag) notFound();
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/tags">Tags</Link> · <Link href={`/tags/${tag.slug}`}>View on the site</Link>
      </p>
      <h1>Tag: {tag.name}</h1>
      <p className="form-hint">{tag.postCount === 1 ? "1 post has this tag." : `${tag.postCount} posts have this tag.`}</p>
      <h2>Rename</h2>
      <TagRenameForm tag={tag} />
      {all.length > 1 && (
        <>
          <h2>Merge into another tag</h2>
          <TagMergeForm tags={all} fromTag={tag} />
        </>
      )}
      <h2>Delete</h2>
      <TagDeletion tag={tag} />
    </>
  );
}
