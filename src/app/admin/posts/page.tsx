import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth";
import { listPostsVisibleTo } from "@/features/editorial/data";
import { isEditor } from "@/features/editorial/permissions";
import { NewPostForm } from "@/features/editorial/components/new-post-form";
import { PostTable } from "@/features/editorial/components/post-table";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Posts" };

export default async function AdminPostsPage() {
  const user = await requireRole();
  const posts = await listPostsVisibleTo(user);
  return (
    <>
      <h1>{isEditor(user) ? "All posts" : "Your posts"}</h1>
      {user.profileId ? (
        <NewPostForm />
      ) : (
        <p className="form-notice">
          <Link href="/admin/profile">Complete your profile</Link> before you start writing: every post needs a byline.
        </p>
      )}
      <PostTable posts={posts} empty="No posts yet." />
    </>
  );
}
