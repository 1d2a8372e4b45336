import { cacheLife, cacheTag } from "next/cache";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";

export async function listLatestPosts(limit = 10) {
  "use cache";
  cacheLife("max");
  cacheTag(tags.posts);
  return db().post.findMany({
    where: { status: "PUBLISHED" },
    orderBy: { publishedAt: "desc" },
    take: limit,
    select: {
      id: true,
      slug: true,
      title: true,
      standfirst: true,
      excerpt: true,
      publishedAt: true,
      authors: { orderBy: { position: "asc" }, select: { profile: { select: { displayName: true, slug: true } } } },
    },
  });
}
