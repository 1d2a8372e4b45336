import type { PublishedPost } from "@/features/posts/data";
import { absoluteUrl, paths, siteName } from "@/lib/seo";

/** schema.org BlogPosting for a post: public bylines only. */
export function postJsonLd(post: PublishedPost) {
  const url = absoluteUrl(paths.post(post.slug));
  return {
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: post.title,
    description: post.standfirst ?? post.excerpt,
    url,
    mainEntityOfPage: url,
    datePublished: post.publishedAt.toISOString(),
    dateModified: post.updatedAt.toISOString(),
    image: absoluteUrl(paths.shareImage(post.slug)),
    articleSection: post.category?.name,
    keywords: post.tags.map((tag) => tag.name).join(", ") || undefined,
    author: post.authors.map((author) => ({
      "@type": "Person",
      name: author.displayName,
      url: absoluteUrl(paths.author(author.slug)),
    })),
    publisher: { "@type": "Organization", name: siteName(), url: absoluteUrl("/") },
  };
}
