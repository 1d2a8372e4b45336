import type { Metadata } from "next";
import { archivePageNumber, paths } from "@/lib/seo";
import { readerMetadata } from "../../_components/reader-metadata";
import { HomeView } from "../../_components/HomeView";
import { NotFoundContent } from "../../_components/NotFoundContent";

export const ensureStatic = "navigation";

export function generateStaticParams() {
  return [{ n: "2" }];
}

export async function generateMetadata({ params }: { params: Promise<{ n: string }> }): Promise<Metadata> {
  const page = archivePageNumber((await params).n);
  return page ? { title: `Latest posts, page ${page}`, ...(await readerMetadata({ path: paths.home(page) })) } : {};
}

export default async function OlderPostsPage({ params }: { params: Promise<{ n: string }> }) {
  const page = archivePageNumber((await params).n);
  if (!page || page < 2) return <NotFoundContent />;
  return <HomeView page={page} />;
}
