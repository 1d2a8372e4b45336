import type { Metadata } from "next";
import { listPublicAuthors } from "@/features/authors/data";
import { AuthorArchive, authorMetadata } from "../../_components/ArchiveViews";

export const ensureStatic = "navigation";

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  const entries = await listPublicAuthors();
  return (entries.length > 0 ? entries : [{ slug: "-" }]).map((entry) => ({ slug: entry.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return authorMetadata({ slug: (await params).slug, page: 1 });
}

export default async function AuthorPage({ params }: Props) {
  return <AuthorArchive slug={(await params).slug} page={1} />;
}
