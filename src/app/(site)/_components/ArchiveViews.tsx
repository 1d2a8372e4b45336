// Category, tag and author archives, page by page: /categories/<slug> and /categories/<slug>/page/<n>
// (and the same for tags and authors) render these.
import type { Metadata } from "next";
import { permanentRedirect } from "next/navigation";
import type { ReactNode } from "react";
import { getPublicAuthor, listAuthorPosts } from "@/features/authors/data";
import { getPublicCategory, listCategoryPosts } from "@/features/categories/data";
import { getPublicTag, listTagPosts } from "@/features/tags/data";
import { Avatar } from "@/features/posts/components/Byline";
import { Pagination, PostList } from "@/features/posts/components/PostList";
import { SponsorBlock } from "@/features/posts/components/SponsorBlock";
import type { PostPage } from "@/features/posts/data";
import { findRedirectKeepingRest } from "@/features/redirects/data";
import { absoluteUrl, archivePageNumber, breadcrumbJsonLd, jsonLdText, paths, safeWebsite } from "@/lib/seo";
import { getSiteSettings } from "@/features/site/data";
import { readerMetadata } from "./reader-metadata";
import { NotFoundContent } from "./NotFoundContent";

type ArchiveProps = { slug: string; page: number };

const NOT_FOUND: Metadata = { title: "Not found", robots: { index: false } };

function pagedTitle(title: string, page: number): string {
  return page > 1 ? `${title}, page ${page}` : title;
}

/** A page past the last is not found; the first page of an empty archive still renders. */
function pageExists(list: PostPage): boolean {
  return list.page <= list.totalPages;
}

function postCount(total: number): string {
  return `${total} ${total === 1 ? "post" : "posts"}`;
}

/** An unknown slug: a 308 to where its old address leads now (same page number), or the 404 page. */
async function redirectOrNotFound(archivePath: (slug: string, page?: number) => string, { slug, page }: ArchiveProps) {
  const target = await findRedirectKeepingRest(archivePath(slug), page > 1 ? `/page/${page}` : "");
  if (target) permanentRedirect(target);
  return <NotFoundContent />;
}

// ---------- categories ----------

export async function categoryMetadata({ slug, page }: ArchiveProps): Promise<Metadata> {
  const category = await getPublicCategory(slug);
  if (!category) return NOT_FOUND;
  return {
    title: pagedTitle(category.name, page),
    description: category.description || `Posts in ${category.name}.`,
    ...(await readerMetadata({ path: paths.category(category.slug, page), feed: { path: paths.category(category.slug), title: category.name } })),
  };
}

export async function CategoryArchive({ slug, page }: ArchiveProps) {
  const category = await getPublicCategory(slug);
  if (!category) return redirectOrNotFound(paths.category, { slug, page });
  const list = await listCategoryPosts(category.id, page);
  if (!pageExists(list)) return <NotFoundContent />;
  const crumbs = [
    { name: (await getSiteSettings()).name, path: "/" },
    { name: category.name, path: paths.category(category.slug) },
  ];
  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(breadcrumbJsonLd(crumbs)) }} />
      <header className="page-head">
        <p className="kicker">Category</p>
        <h1>{category.name}</h1>
        {category.description && <p className="page-head__lede">{category.description}</p>}
        <p className="feed-links">
          {postCount(list.total)} · <a href={paths.rss(paths.category(category.slug))}>RSS</a> ·{" "}
          <a href={paths.atom(paths.category(category.slug))}>Atom</a>
        </p>
      </header>
      <SponsorBlock sponsor={category.sponsor} />
      <PostList posts={list.posts} />
      <Pagination page={list.page} totalPages={list.totalPages} hrefFor={(n) => paths.category(category.slug, n)} label={`Pages of ${category.name}`} />
    </>
  );
}

// ---------- tags ----------

export async function tagMetadata({ slug, page }: ArchiveProps): Promise<Metadata> {
  const tag = await getPublicTag(slug);
  if (!tag) return NOT_FOUND;
  return {
    title: pagedTitle(`Posts tagged ${tag.name}`, page),
    description: `Posts tagged ${tag.name}.`,
    ...(await readerMetadata({ path: paths.tag(tag.slug, page) })),
  };
}

export async function TagArchive({ slug, page }: ArchiveProps) {
  const tag = await getPublicTag(slug);
  if (!tag) return redirectOrNotFound(paths.tag, { slug, page });
  const list = await listTagPosts(tag.id, page);
  if (!pageExists(list)) return <NotFoundContent />;
  return (
    <>
      <header className="page-head">
        <p className="kicker">Tag</p>
        <h1>{tag.name}</h1>
        <p className="feed-links">{postCount(list.total)}</p>
      </header>
      <PostList posts={list.posts} />
      <Pagination page={list.page} totalPages={list.totalPages} hrefFor={(n) => paths.tag(tag.slug, n)} label={`Pages of posts tagged ${tag.name}`} />
    </>
  );
}

// ---------- authors ----------

export async function authorMetadata({ slug, page }: ArchiveProps): Promise<Metadata> {
  const author = await getPublicAuthor(slug);
  if (!author) return NOT_FOUND;
  return {
    title: pagedTitle(author.displayName, page),
    description: author.bio || `Posts by ${author.displayName}.`,
    ...(await readerMetadata({
      path: paths.author(author.slug, page),
      feed: { path: paths.author(author.slug), title: author.displayName },
      openGraph: { type: "profile", title: author.displayName },
    })),
  };
}

export async function AuthorArchive({ slug, page }: ArchiveProps) {
  const author = await getPublicAuthor(slug);
  if (!author) return redirectOrNotFound(paths.author, { slug, page });
  const list = await listAuthorPosts(author.id, page);
  if (!pageExists(list)) return <NotFoundContent />;
  const website = safeWebsite(author.website);
  const person = {
    "@context": "https://schema.org",
    "@type": "Person",
    name: author.displayName,
    url: absoluteUrl(paths.author(author.slug)),
    sameAs: [website, author.xHandle ? `https://x.com/${author.xHandle}` : null].filter(Boolean),
  };
  const crumbs = [
    { name: (await getSiteSettings()).name, path: "/" },
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
        {postCount(list.total)} by <bdi>{author.displayName}</bdi>
      </h2>
      <PostList posts={list.posts} />
      <Pagination page={list.page} totalPages={list.totalPages} hrefFor={(n) => paths.author(author.slug, n)} label={`Pages of posts by ${author.displayName}`} />
    </>
  );
}

// ---------- older pages ----------

type OlderPageProps = { params: Promise<{ slug: string; n: string }> };

/**
 * The exports of an archive's /<slug>/page/<n> route (n ≥ 2). Nothing is built ahead: each page
 * renders on its first request, then comes from the cache.
 */
export function olderArchivePages(archive: { View: (props: ArchiveProps) => Promise<ReactNode>; metadata: (props: ArchiveProps) => Promise<Metadata> }) {
  return {
    generateStaticParams: () => [{ slug: "-", n: "2" }],
    generateMetadata: async ({ params }: OlderPageProps): Promise<Metadata> => {
      const { slug, n } = await params;
      const page = archivePageNumber(n);
      return page ? archive.metadata({ slug, page }) : {};
    },
    Page: async function OlderArchivePage({ params }: OlderPageProps) {
      const { slug, n } = await params;
      const page = archivePageNumber(n);
      if (!page || page < 2) return <NotFoundContent />;
      return <archive.View slug={slug} page={page} />;
    },
  };
}
