import Link from "next/link";
import type { ReactNode } from "react";
import type { PublicByline } from "@/features/posts/bylines";
import { Bylines } from "@/features/posts/components/Byline";
import { paths } from "@/lib/seo";

export type ArticleContentPost = {
  title: string;
  standfirst: string | null;
  /** Sanitized when the post was saved (rehype-sanitize). */
  bodyHtml: string;
  coverImageUrl: string | null;
  coverImageAlt: string | null;
  authors: PublicByline[];
  category: { slug: string; name: string } | null;
  series: { slug: string; title: string } | null;
  tags: { slug: string; name: string }[];
};

/**
 * A post as readers see it, from its kicker to its tags: the reader post page and the preview of an
 * unpublished post both render it. `meta` is the line under the bylines (date, reading time);
 * `notice`, what must come before the text (corrections); `afterBody`, what follows it (published responses).
 */
export function ArticleContent({ post, meta, notice, afterBody }: { post: ArticleContentPost; meta: ReactNode; notice?: ReactNode; afterBody?: ReactNode }) {
  return (
    <>
      <header className="article__header">
        {post.category && (
          <p className="kicker">
            <Link href={paths.category(post.category.slug)}>{post.category.name}</Link>
            {post.series && (
              <>
                {" · "}
                <Link href={paths.series(post.series.slug)}>{post.series.title}</Link>
              </>
            )}
          </p>
        )}
        <h1 id="post-title" className="article__title">
          {post.title}
        </h1>
        <Bylines authors={post.authors} />
        <p className="meta">{meta}</p>
      </header>
      {notice}
      {post.standfirst && <p className="standfirst">{post.standfirst}</p>}
      {post.coverImageUrl && (
        <figure className="cover">
          {/* eslint-disable-next-line @next/next/no-img-element -- stored uploads are already resized */}
          <img src={post.coverImageUrl} alt={post.coverImageAlt ?? ""} />
        </figure>
      )}
      <div className="prose" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      {afterBody}
      {post.tags.length > 0 && (
        <ul className="article__tags" aria-label="Tags">
          {post.tags.map((tag) => (
            <li key={tag.slug}>
              <Link href={paths.tag(tag.slug)}>{tag.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
