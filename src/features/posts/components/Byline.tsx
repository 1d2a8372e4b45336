import Link from "next/link";
import type { PublicByline } from "@/features/posts/bylines";
import { paths } from "@/lib/seo";

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => /^[\p{L}\p{N}]/u.test(word))
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join("");
}

export function Avatar({ author, size = 40 }: { author: PublicByline; size?: number }) {
  if (author.avatarUrl) {
    // eslint-disable-next-line @next/next/no-img-element -- avatars are small local or remote files; no optimisation route needed
    return <img className="avatar" src={author.avatarUrl} alt="" width={size} height={size} loading="lazy" />;
  }
  return (
    <span className="avatar avatar--initials" style={{ width: size, height: size }} aria-hidden="true">
      {initials(author.displayName)}
    </span>
  );
}

/** "Alice Adams and Bob Brown", each linking to their author page, in byline order. */
export function AuthorNames({ authors }: { authors: PublicByline[] }) {
  return (
    <>
      {authors.map((author, index) => (
        <span key={author.slug}>
          {index > 0 && (index === authors.length - 1 ? " and " : ", ")}
          <Link href={paths.author(author.slug)} rel="author">
            <bdi>{author.displayName}</bdi>
          </Link>
        </span>
      ))}
    </>
  );
}

/** The post page's bylines: avatar and name for each co-author, in order. */
export function Bylines({ authors }: { authors: PublicByline[] }) {
  return (
    <ul className="bylines" aria-label="Authors">
      {authors.map((author) => (
        <li key={author.slug} className="byline">
          {/* The name beside it is the same link: this one is skipped by keyboards and screen readers. */}
          <Link href={paths.author(author.slug)} tabIndex={-1} aria-hidden="true" className="byline__avatar">
            <Avatar author={author} />
          </Link>
          <span>
            <Link href={paths.author(author.slug)} rel="author" className="byline__name">
              <bdi>{author.displayName}</bdi>
            </Link>
            {author.xHandle && <span className="byline__handle"> @{author.xHandle}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
