import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { paths } from "@/lib/seo";
import { findBylineForEditing } from "@/features/people/data";
import { BylineEditForm } from "@/features/people/components/byline-edit-form";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Edit byline" };

const idSchema = z.string().min(1).max(40);

export default async function EditBylinePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("people.manage");
  const id = idSchema.safeParse((await params).id);
  const byline = id.success ? await findBylineForEditing(id.data) : null;
  if (!byline) notFound();
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/people">People</Link> · <a href={paths.author(byline.slug)}>Author page</a>
      </p>
      <h1>Edit byline: {byline.displayName}</h1>
      <p className="form-hint">
        {byline._count.posts === 1 ? "On 1 post" : `On ${byline._count.posts} posts`}.{" "}
        {byline.user ? (
          <>
            Belongs to the login{" "}
            {can(user, "users.manage") ? <Link href={`/admin/people/logins/${byline.user.id}`}>{byline.user.email}</Link> : byline.user.email}
            {byline.user.deactivatedAt ? " (deactivated)" : ""}.
          </>
        ) : (
          "No login: an editor keeps it."
        )}
      </p>
      <BylineEditForm
        profileId={byline.id}
        initial={{
          displayName: byline.displayName,
          slug: byline.slug,
          bio: byline.bio,
          xHandle: byline.xHandle ? `@${byline.xHandle}` : "",
          website: byline.website ?? "",
          avatarUrl: byline.avatarUrl ?? "",
          isPseudonymous: byline.isPseudonymous,
          realName: byline.realName ?? "",
        }}
      />
    </>
  );
}
