import Link from "next/link";
import { listLatestPosts } from "@/features/posts/data";

export default async function HomePage() {
  const posts = await listLatestPosts();
  return (
    <main>
      <h1>Docket</h1>
      <ul>
        {posts.map((post) => (
          <li key={post.id}>
            <h2>
              <Link href={`/posts/${post.slug}`}>{post.title}</Link>
            </h2>
            <p>{post.standfirst ?? post.excerpt}</p>
            <p>By {post.authors.map((author) => author.profile.displayName).join(", ")}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
