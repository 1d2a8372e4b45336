import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { listPostsVisibleTo } from "@/features/posts/admin/data";
import { can } from "@/lib/permissions";
import { NewPostForm } from "@/features/posts/admin/components/new-post-form";
import { PostTable } from "@/features/posts/admin/components/post-table";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Posts" };

export default async function AdminPostsPage() {
  const user = await requireUser();
  const posts = await listPostsVisibleTo(user);
  return (
    <>
      <h1>{can(user, "posts.editAny") ? "All posts" : "Your posts"}</h1>
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
