// The site as a schema.org Organization: the publisher of every post and page.
import { absoluteUrl } from "@/lib/seo";
import type { SiteSettings } from "./schema";
import { socialLinks } from "./social-links";

export function organizationJsonLd(site: SiteSettings) {
  const sameAs = socialLinks(site.social).map((link) => link.url);
  return {
    "@type": "Organization",
    name: site.name,
    url: absoluteUrl("/"),
    ...(site.description ? { description: site.description } : {}),
    ...(site.logoUrl ? { logo: { "@type": "ImageObject", url: absoluteUrl(site.logoUrl) } } : {}),
    ...(sameAs.length > 0 ? { sameAs } : {}),
  };
}

/** The home page's WebSite and Organization, so search engines know the site's name and accounts. */
export function websiteJsonLd(site: SiteSettings) {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    name: site.name,
    url: absoluteUrl("/"),
    ...(site.description || site.tagline ? { description: site.description || site.tagline } : {}),
    publisher: organizationJsonLd(site),
  };
}
