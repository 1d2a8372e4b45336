import Link from "next/link";
import type { PostCard } from "@/features/posts/data";
import { paths } from "@/lib/seo";
import { AuthorNames } from "./Byline";
import { PostDate } from "./PostDate";

function commentLabel(count: number): string {
  return count === 1 ? "1 response" : `${count} responses`;
}

/** One post in a listing: kicker (category), title, standfirst or excerpt, byline, date, responses. */
export function PostListItem({
  post,
  headingLevel = 2,
  number,
  snippet,
}: {
  post: PostCard;
  headingLevel?: 2 | 3;
  number?: number;
  snippet?: React.ReactNode;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="card">
      {(post.category || number) && (
        <p className="kicker">
          {number ? <span className="card__number">No. {number}</span> : null}
          {post.category && !number && <Link href={paths.category(post.category.slug)}>{post.category.name}</Link>}
        </p>
      )}
      <Heading className="card__title">
        <Link href={paths.post(post.slug)}>{post.title}</Link>
      </Heading>
      <p className="card__summary">{snippet ?? post.standfirst ?? post.excerpt}</p>
      <p className="meta">
        <span>
          By <AuthorNames authors={post.authors} />
        </span>
        <span aria-hidden="true"> · </span>
        <PostDate date={post.publishedAt} />
        <span aria-hidden="true"> · </span>
        <Link href={`${paths.post(post.slug)}#responses`}>{commentLabel(post.commentCount)}</Link>
      </p>
    </article>
  );
}

export function PostList({ posts, headingLevel = 2 }: { posts: PostCard[]; headingLevel?: 2 | 3 }) {
  return (
    <ol className="post-list">
      {posts.map((post) => (
        <li key={post.id}>
          <PostListItem post={post} headingLevel={headingLevel} />
        </li>
      ))}
    </ol>
  );
}

/** Newer/older links; hrefFor(page) builds each page's URL. */
export function Pagination({
  page,
  totalPages,
  hrefFor,
  label = "Pages",
}: {
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
  label?: string;
}) {
  if (totalPages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="pagination__where">
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <Link href={hrefFor(page + 1)} rel="next">
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
