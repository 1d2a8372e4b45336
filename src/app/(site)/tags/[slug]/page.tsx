import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PostList } from "@/features/posts/components/PostList";
import { getPublicTag, listPublicTags, listTagPosts } from "@/features/tags/data";
import { absoluteUrl, paths } from "@/lib/seo";

export const ensureStatic = "navigation";

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  const all = await listPublicTags();
  return (all.length > 0 ? all : [{ slug: "-" }]).map((entry) => ({ slug: entry.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tag = await getPublicTag((await params).slug);
  if (!tag) return { title: "Not found", robots: { index: false } };
  return {
    title: `Posts tagged ${tag.name}`,
    description: `Posts tagged ${tag.name}.`,
    alternates: { canonical: absoluteUrl(paths.tag(tag.slug)) },
  };
}

export default async function TagPage({ params }: Props) {
  const tag = await getPublicTag((await params).slug);
  if (!tag) notFound();
  const { posts, total } = await listTagPosts(tag.id);
  return (
    <>
      <header className="page-head">
        <p className="kicker">Tag</p>
        <h1>{tag.name}</h1>
        <p className="feed-links">
          {total} {total === 1 ? "post" : "posts"}
          {total > posts.length ? `, the latest ${posts.length} below` : ""}
        </p>
      </header>
      <PostList posts={posts} />
    </>
  );
}
