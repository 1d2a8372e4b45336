// A preview link: the latest saved text of an unpublished post, for a reviewer without an account.
// Rendered for every request and never cached (Next answers `Cache-Control: private, no-store`, so
// neither Next's cache nor the nginx front keeps it); never indexed (the robots meta tag here, and
// X-Robots-Tag from next.config.ts); no referrer, so links in the draft do not carry the token away.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { findPreviewedPost } from "@/features/preview-links/data";
import { PreviewArticle } from "@/features/preview-links/components/PreviewArticle";
import { previewTokenSchema } from "@/features/preview-links/schema";
import { hashPreviewToken } from "@/features/preview-links/token";
import { paths } from "@/lib/seo";

export const instant = false;

type Props = { params: Promise<{ token: string }> };

const previewedPost = cache(async (token: string) => {
  await connection();
  const parsed = previewTokenSchema.safeParse(token);
  return parsed.success ? findPreviewedPost(hashPreviewToken(parsed.data)) : null;
});

const notIndexed = { robots: { index: false, follow: false, nocache: true }, referrer: "no-referrer" } satisfies Metadata;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const post = await previewedPost((await params).token);
  return { ...notIndexed, title: post ? `Preview: ${post.title}` : "Preview link not working" };
}

export default async function PreviewPage({ params }: Props) {
  const post = await previewedPost((await params).token);
  if (!post) notFound();
  // Published since the link was made: the reviewer reads the real thing.
  if (post.status === "PUBLISHED") redirect(paths.post(post.slug));
  return <PreviewArticle post={post} />;
}
