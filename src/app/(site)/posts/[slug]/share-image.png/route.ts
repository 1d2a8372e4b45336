import { getPublishedPost } from "@/features/posts/data";
import { getSiteSettings } from "@/features/site/data";
import { renderShareImage, shareImageResponse } from "@/lib/share-image";
import { formatUkDate } from "@/lib/london-time";

// A post's share image (og:image, twitter:image and the JSON-LD image), at a fixed address made by
// paths.shareImage: Next's opengraph-image file gets a hashed address inside a route group, which
// nothing else can point at.
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const [post, site] = await Promise.all([getPublishedPost((await params).slug), getSiteSettings()]);
  // Shareable, so a front cache replaces its copy of an image that is gone (unpublished, on legal hold) rather than serving it stale.
  if (!post) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=0, s-maxage=1" } });
  const png = await renderShareImage({
    kicker: post.category ? `${site.name}  ·  ${post.category.name}` : site.name,
    title: post.title,
    foot: `${post.authors.map((author) => author.displayName).join(", ")}  ·  ${formatUkDate(post.publishedAt)}`,
  });
  return shareImageResponse(png, "public, max-age=0, s-maxage=3600, stale-while-revalidate=86400");
}
