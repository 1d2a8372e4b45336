// Reads for preview links: the links of a post (for its admin page) and the post behind a token.
// Nothing here is cached: a revoked or expired link must stop working on the very next request.
import "server-only";
import { db } from "@/lib/db";
import { publicProfileSelect } from "@/features/posts/bylines";
import { sponsorAt } from "@/features/posts/sponsorship";
import type { Prisma } from "@/generated/prisma/client";

/** Links that still work, newest first, with who made them. */
export async function listActivePreviewLinks(postId: string, now = new Date()) {
  return db().previewLink.findMany({
    where: { postId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expiresAt: true, createdBy: { select: { email: true, profile: { select: { displayName: true } } } } },
  });
}

export async function findPreviewLinkPost(linkId: string) {
  return db().previewLink.findUnique({ where: { id: linkId }, select: { id: true, postId: true, revokedAt: true } });
}

/**
 * What a preview shows: the post's latest saved text and everything around it that readers would
 * see. Bylines go through publicProfileSelect, so a pen name's real name never reaches a preview.
 */
const previewPostSelect = {
  id: true,
  slug: true,
  title: true,
  standfirst: true,
  bodyHtml: true,
  readingMinutes: true,
  status: true,
  updatedAt: true,
  coverImageUrl: true,
  coverImageAlt: true,
  category: {
    select: {
      slug: true,
      name: true,
      sponsorName: true,
      sponsorUrl: true,
      sponsorText: true,
      sponsorStrapline: true,
      sponsorLogoUrl: true,
      sponsorLogoAlt: true,
      sponsorStartsOn: true,
      sponsorEndsOn: true,
    },
  },
  series: { select: { slug: true, title: true } },
  tags: { orderBy: { tag: { name: "asc" } }, select: { tag: { select: { slug: true, name: true } } } },
  authors: { orderBy: { position: "asc" }, select: { profile: { select: publicProfileSelect } } },
} satisfies Prisma.PostSelect;

/**
 * What a preview token leads to now, for src/proxy.ts (one indexed lookup): nothing (unknown, revoked
 * or expired), the preview, or the post's public address once it has been published.
 */
export async function findPreviewLinkState(tokenHash: string, now = new Date()): Promise<"dead" | "preview" | { publishedSlug: string }> {
  // A post on legal hold has no preview either.
  const link = await db().previewLink.findFirst({
    where: { tokenHash, post: { legalHold: { is: null } } },
    select: { expiresAt: true, revokedAt: true, postPublishedAt: true, post: { select: { status: true, slug: true } } },
  });
  if (!link || link.revokedAt || link.expiresAt <= now) return "dead";
  if (link.post.status === "PUBLISHED") return { publishedSlug: link.post.slug };
  // Published once since the link was made: its life as a preview ended then, for good.
  return link.postPublishedAt ? "dead" : "preview";
}

/** The post a preview token opens, or null when the link is unknown, revoked or expired. */
export async function findPreviewedPost(tokenHash: string, now = new Date()) {
  const link = await db().previewLink.findFirst({
    where: { tokenHash, post: { legalHold: { is: null } } },
    select: { expiresAt: true, revokedAt: true, postPublishedAt: true, post: { select: previewPostSelect } },
  });
  if (!link || link.revokedAt || link.expiresAt <= now || (link.postPublishedAt && link.post.status !== "PUBLISHED")) return null;
  const { tags, authors, category, ...post } = link.post;
  return {
    ...post,
    // The sponsor block as readers would see it today.
    category: category ? { slug: category.slug, name: category.name, sponsor: sponsorAt(category, now).sponsor } : null,
    tags: tags.map((entry) => entry.tag),
    authors: authors.map((entry) => entry.profile),
  };
}

export type PreviewedPost = NonNullable<Awaited<ReturnType<typeof findPreviewedPost>>>;
