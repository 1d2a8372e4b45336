import type { Metadata } from "next";
import { listPublicTags } from "@/features/tags/data";
import { TagArchive, tagMetadata } from "../../_components/ArchiveViews";

export const ensureStatic = "navigation";

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  const entries = await listPublicTags();
  return (entries.length > 0 ? entries : [{ slug: "-" }]).map((entry) => ({ slug: entry.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return tagMetadata({ slug: (await params).slug, page: 1 });
}

export default async function TagPage({ params }: Props) {
  return <TagArchive slug={(await params).slug} page={1} />;
}
