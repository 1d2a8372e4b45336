import type { MetadataRoute } from "next";
import { listPublicAuthors } from "@/features/authors/data";
import { listPublicCategories } from "@/features/categories/data";
import { listSitemapPosts } from "@/features/posts/data";
import { listPublicSeries } from "@/features/series/data";
import { listPublicTags } from "@/features/tags/data";
import { absoluteUrl, paths } from "@/lib/seo";

/** Published posts, series, categories, tags and authors: nothing unpublished is listed. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [posts, series, categories, tags, authors] = await Promise.all([
    listSitemapPosts(),
    listPublicSeries(),
    listPublicCategories(),
    listPublicTags(),
    listPublicAuthors(),
  ]);
  return [
    { url: absoluteUrl("/"), lastModified: posts[0]?.updatedAt, changeFrequency: "daily", priority: 1 },
    { url: absoluteUrl(paths.allSeries()), changeFrequency: "weekly" },
    ...posts.map((post) => ({ url: absoluteUrl(paths.post(post.slug)), lastModified: post.updatedAt })),
    ...series.map((entry) => ({ url: absoluteUrl(paths.series(entry.slug)), lastModified: entry.latest?.publishedAt ?? undefined })),
    ...categories.map((entry) => ({ url: absoluteUrl(paths.category(entry.slug)) })),
    ...tags.map((entry) => ({ url: absoluteUrl(paths.tag(entry.slug)) })),
    ...authors.map((entry) => ({ url: absoluteUrl(paths.author(entry.slug)), lastModified: entry.updatedAt })),
  ];
}
