import type { Metadata } from "next";
import { archivePageNumber } from "@/lib/seo";
import { AuthorArchive, authorMetadata } from "../../../../_components/ArchiveViews";
import { NotFoundContent } from "../../../../_components/NotFoundContent";

// Older pages render on their first request, then come from the cache.
export const ensureStatic = "navigation";

type Props = { params: Promise<{ slug: string; n: string }> };

export function generateStaticParams() {
  return [{ slug: "-", n: "2" }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, n } = await params;
  const page = archivePageNumber(n);
  return page ? authorMetadata({ slug, page }) : {};
}

export default async function OlderAuthorPage({ params }: Props) {
  const { slug, n } = await params;
  const page = archivePageNumber(n);
  if (!page || page < 2) return <NotFoundContent />;
  return <AuthorArchive slug={slug} page={page} />;
}
