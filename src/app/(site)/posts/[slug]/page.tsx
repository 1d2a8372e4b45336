import type { Metadata } from "next";
import { permanentRedirect } from "next/navigation";
import { getPublishedPost, listRecentPostSlugs } from "@/features/posts/data";
import { findRedirect } from "@/features/redirects/data";
import { listApprovedComments } from "@/features/comments/data";
import { ArticleContent } from "@/features/posts/components/ArticleContent";
import { PostDate } from "@/features/posts/components/PostDate";
import { CorrectionsNotice } from "@/features/posts/corrections/components/CorrectionsNotice";
import { ReplyNotes } from "@/features/posts/replies/components/ReplyNotes";
import { RelatedPosts } from "@/features/posts/components/RelatedPosts";
import { SeriesBox } from "@/features/posts/components/SeriesBox";
import { ShareLinks } from "@/features/posts/components/ShareLinks";
import { SponsorBlock } from "@/features/posts/components/SponsorBlock";
import { CommentThread } from "@/features/comments/components/CommentThread";
import { NotFoundContent } from "../../_components/NotFoundContent";
import { postJsonLd } from "@/features/posts/components/post-json-ld";
import { absoluteUrl, breadcrumbJsonLd, jsonLdText, paths } from "@/lib/seo";
import { getSiteSettings } from "@/features/site/data";
import { readerMetadata } from "../../_components/reader-metadata";

// The whole page is static (served from the cache); a slug not built yet renders once, then is cached.
export const ensureStatic = "navigation";

type Props = { params: Promise<{ slug: string }> };

/** A slug no post can have, so a build with no posts still has a page to prerender (it is a 404). */
const NO_POSTS_YET = "-";

export async function generateStaticParams() {
  const slugs = await listRecentPostSlugs();
  return (slugs.length > 0 ? slugs : [NO_POSTS_YET]).map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const post = await getPublishedPost((await params).slug);
  if (!post) return { title: "Not found", robots: { index: false } };
  const description = post.standfirst ?? post.excerpt;
  const shared = await readerMetadata({
    path: paths.post(post.slug),
    image: { path: paths.shareImage(post.slug), alt: "The post's title and author" },
    openGraph: {
      type: "article",
      title: post.title,
      description,
      publishedTime: post.publishedAt.toISOString(),
      modifiedTime: post.updatedAt.toISOString(),
      authors: post.authors.map((author) => author.displayName),
      section: post.category?.name,
      tags: post.tags.map((tag) => tag.name),
    },
  });
  return {
    title: post.title,
    description,
    authors: post.authors.map((author) => ({ name: author.displayName, url: absoluteUrl(paths.author(author.slug)) })),
    ...shared,
    twitter: { ...shared.twitter, title: post.title, description },
  };
}

export default async function PostPage({ params }: Props) {
  const { slug } = await params;
  const post = await getPublishedPost(slug);
  if (!post) {
    const target = await findRedirect(paths.post(slug));
    if (target) permanentRedirect(target);
    return <NotFoundContent />;
  }
  const [comments, site] = await Promise.all([listApprovedComments(post.id), getSiteSettings()]);
  const url = absoluteUrl(paths.post(post.slug));
  const crumbs = [
    { name: site.name, path: "/" },
    ...(post.category ? [{ name: post.category.name, path: paths.category(post.category.slug) }] : []),
    { name: post.title, path: paths.post(post.slug) },
  ];
  return (
    <article className="article" aria-labelledby="post-title">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText([postJsonLd(post, site), breadcrumbJsonLd(crumbs)]) }} />
      <ArticleContent
        post={post}
        notice={<CorrectionsNotice corrections={post.corrections} />}
        afterBody={<ReplyNotes replies={post.replies} />}
        meta={
          <>
            <PostDate date={post.publishedAt} />
            <span aria-hidden="true"> · </span>
            {post.readingMinutes} min read
            <span aria-hidden="true"> · </span>
            <a href="#responses">{comments.length === 1 ? "1 response" : `${comments.length} responses`}</a>
          </>
        }
      />
      {post.series && post.seriesContext && <SeriesBox series={post.series} context={post.seriesContext} postId={post.id} />}
      {post.category && <SponsorBlock sponsor={post.category.sponsor} />}
      <ShareLinks url={url} title={post.title} via={site.social.x} />
      <RelatedPosts posts={post.related} />
      <CommentThread postId={post.id} postSlug={post.slug} comments={comments} />
    </article>
  );
}
