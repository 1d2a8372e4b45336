import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { archivePageNumber } from "@/lib/seo";
import { CategoryArchive, categoryMetadata } from "../../../../_components/ArchiveViews";

// Older pages render on their first request, then come from the cache.
export const ensureStatic = "navigation";

type Props = { params: Promise<{ slug: string; n: string }> };

export function generateStaticParams() {
  return [{ slug: "-", n: "2" }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, n } = await params;
  const page = archivePageNumber(n);
  return page ? categoryMetadata({ slug, page }) : {};
}

export default async function OlderCategoryPage({ params }: Props) {
  const { slug, n } = await params;
  const page = archivePageNumber(n);
  if (!page || page < 2) notFound();
  return <CategoryArchive slug={slug} page={page} />;
}
