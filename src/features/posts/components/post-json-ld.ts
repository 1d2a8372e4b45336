import type { PublishedPost } from "@/features/posts/data";
import type { SiteSettings } from "@/features/site/schema";
import { organizationJsonLd } from "@/features/site/json-ld";
import { absoluteUrl, paths } from "@/lib/seo";
import { lastChangeOf, type PublicCorrection } from "@/features/posts/corrections/data";
import { correctionLabel } from "@/features/posts/corrections/components/CorrectionsNotice";

/** schema.org BlogPosting for a post: public bylines only. */
export function postJsonLd(post: PublishedPost, site: SiteSettings) {
  const url = absoluteUrl(paths.post(post.slug));
  return {
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: post.title,
    description: post.standfirst ?? post.excerpt,
    url,
    mainEntityOfPage: url,
    datePublished: post.publishedAt.toISOString(),
    dateModified: lastChangeOf(post).toISOString(),
    image: absoluteUrl(paths.shareImage(post.slug)),
    articleSection: post.category?.name,
    keywords: post.tags.map((tag) => tag.name).join(", ") || undefined,
    author: post.authors.map((author) => ({
      "@type": "Person",
      name: author.displayName,
      url: absoluteUrl(paths.author(author.slug)),
    })),
    publisher: organizationJsonLd(site),
    correction: post.corrections.length > 0 ? post.corrections.map(correctionJsonLd) : undefined,
  };
}

function correctionJsonLd(correction: PublicCorrection) {
  return { "@type": "CorrectionComment", text: `${correctionLabel(correction.kind)}: ${correction.text}`, datePublished: correction.publishedAt.toISOString() };
}
