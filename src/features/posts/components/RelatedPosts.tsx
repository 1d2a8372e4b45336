import Link from "next/link";
import type { RelatedPost } from "@/features/posts/data";
import { paths } from "@/lib/seo";
import { PostDate } from "./PostDate";

export function RelatedPosts({ posts }: { posts: RelatedPost[] }) {
  if (posts.length === 0) return null;
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading" className="section-label">
        Related posts
      </h2>
      <ul>
        {posts.map((post) => (
          <li key={post.slug}>
            <Link href={paths.post(post.slug)}>{post.title}</Link>
            <PostDate date={post.publishedAt} />
          </li>
        ))}
      </ul>
    </section>
  );
}
