import type { Metadata } from "next";
import { archivePageNumber, paths, readerPageMetadata } from "@/lib/seo";
import { HomeView } from "../../_components/HomeView";
import { NotFoundContent } from "../../_components/NotFoundContent";

export const ensureStatic = "navigation";

export function generateStaticParams() {
  return [{ n: "2" }];
}

export async function generateMetadata({ params }: { params: Promise<{ n: string }> }): Promise<Metadata> {
  const page = archivePageNumber((await params).n);
  return page ? { title: `Latest posts, page ${page}`, ...readerPageMetadata({ path: paths.home(page) }) } : {};
}

export default async function OlderPostsPage({ params }: { params: Promise<{ n: string }> }) {
  const page = archivePageNumber((await params).n);
  if (!page || page < 2) return <NotFoundContent />;
  return <HomeView page={page} />;
}
