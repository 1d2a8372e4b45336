import type { MetadataRoute } from "next";
import { listPublicAuthors } from "@/features/authors/data";
import { listPublicCategories } from "@/features/categories/data";
import { listSitemapPosts } from "@/features/posts/data";
import { listPublicSeries } from "@/features/series/data";
import { listPublicTags } from "@/features/tags/data";
import { listPublishedPages } from "@/features/pages/data";
import { absoluteUrl, paths } from "@/lib/seo";

/** Published posts, pages, series, categories, tags and authors: nothing unpublished is listed. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [posts, pages, series, categories, tags, authors] = await Promise.all([
    listSitemapPosts(),
    listPublishedPages(),
    listPublicSeries(),
    listPublicCategories(),
    listPublicTags(),
    listPublicAuthors(),
  ]);
  return [
    { url: absoluteUrl("/"), lastModified: posts[0]?.updatedAt, changeFrequency: "daily", priority: 1 },
    { url: absoluteUrl(paths.allSeries()), changeFrequency: "weekly" },
    ...posts.map((post) => ({ url: absoluteUrl(paths.post(post.slug)), lastModified: post.updatedAt })),
    ...pages.map((page) => ({ url: absoluteUrl(paths.page(page.slug)), lastModified: page.updatedAt })),
    ...series.map((entry) => ({ url: absoluteUrl(paths.series(entry.slug)), lastModified: entry.latest?.publishedAt ?? undefined })),
    ...categories.map((entry) => ({ url: absoluteUrl(paths.category(entry.slug)) })),
    ...tags.map((entry) => ({ url: absoluteUrl(paths.tag(entry.slug)) })),
    ...authors.map((entry) => ({ url: absoluteUrl(paths.author(entry.slug)), lastModified: entry.updatedAt })),
  ];
}
