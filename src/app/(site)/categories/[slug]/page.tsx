import type { Metadata } from "next";
import { listPublicCategories } from "@/features/categories/data";
import { CategoryArchive, categoryMetadata } from "../../_components/ArchiveViews";

export const ensureStatic = "navigation";

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  const entries = await listPublicCategories();
  return (entries.length > 0 ? entries : [{ slug: "-" }]).map((entry) => ({ slug: entry.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return categoryMetadata({ slug: (await params).slug, page: 1 });
}

export default async function CategoryPage({ params }: Props) {
  return <CategoryArchive slug={(await params).slug} page={1} />;
}
