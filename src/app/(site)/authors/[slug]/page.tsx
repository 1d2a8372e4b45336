import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPublicAuthor, listAuthorPosts, listPublicAuthors } from "@/features/authors/data";
import { Avatar } from "@/features/posts/components/Byline";
import { PostList } from "@/features/posts/components/PostList";
import { absoluteUrl, breadcrumbJsonLd, jsonLdText, paths, siteName } from "@/lib/seo";

export const ensureStatic = "navigation";

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  const authors = await listPublicAuthors();
  return (authors.length > 0 ? authors : [{ slug: "-" }]).map((entry) => ({ slug: entry.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const author = await getPublicAuthor((await params).slug);
  if (!author) return { title: "Not found", robots: { index: false } };
  return {
    title: author.displayName,
    description: author.bio || `Posts by ${author.displayName}.`,
    alternates: {
      canonical: absoluteUrl(paths.author(author.slug)),
      types: {
        "application/rss+xml": absoluteUrl(paths.rss(paths.author(author.slug))),
        "application/atom+xml": absoluteUrl(paths.atom(paths.author(author.slug))),
      },
    },
    openGraph: { type: "profile", title: author.displayName },
  };
}

function safeWebsite(website: string | null): string | null {
  return website && /^https?:\/\//i.test(website) ? website : null;
}

export default async function AuthorPage({ params }: Props) {
  const author = await getPublicAuthor((await params).slug);
  if (!author) notFound();
  const { posts, total } = await listAuthorPosts(author.id);
  const website = safeWebsite(author.website);
  const person = {
    "@context": "https://schema.org",
    "@type": "Person",
    name: author.displayName,
    url: absoluteUrl(paths.author(author.slug)),
    sameAs: [website, author.xHandle ? `https://x.com/${author.xHandle}` : null].filter(Boolean),
  };
  const crumbs = [
    { name: siteName(), path: "/" },
    { name: author.displayName, path: paths.author(author.slug) },
  ];
  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText([person, breadcrumbJsonLd(crumbs)]) }} />
      <header className="profile">
        <Avatar author={author} size={88} />
        <div>
          <p className="kicker">Author</p>
          <h1>{author.displayName}</h1>
          {author.bio && <p className="profile__bio">{author.bio}</p>}
          <ul className="profile__links">
            {author.xHandle && (
              <li>
                <a href={`https://x.com/${encodeURIComponent(author.xHandle)}`} rel="me noopener">
                  @{author.xHandle} on X
                </a>
              </li>
            )}
            {website && (
              <li>
                <a href={website} rel="me noopener">
                  Website
                </a>
              </li>
            )}
            <li>
              <a href={paths.rss(paths.author(author.slug))}>RSS</a>
            </li>
            <li>
              <a href={paths.atom(paths.author(author.slug))}>Atom</a>
            </li>
          </ul>
        </div>
      </header>
      <h2 className="section-label">
        {total} {total === 1 ? "post" : "posts"} by {author.displayName}
      </h2>
      <PostList posts={posts} />
    </>
  );
}
