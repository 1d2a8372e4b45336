import type { Metadata } from "next";
import { listPublishedCorrections } from "@/features/posts/corrections/data";
import { CorrectionsList } from "@/features/posts/corrections/components/CorrectionsList";
import { archivePageNumber, paths } from "@/lib/seo";
import { NotFoundContent } from "../../../_components/NotFoundContent";
import { readerMetadata } from "../../../_components/reader-metadata";

export const ensureStatic = "navigation";

type Props = { params: Promise<{ n: string }> };

export function generateStaticParams() {
  return [{ n: "2" }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = archivePageNumber((await params).n);
  if (!page) return {};
  return { title: `Corrections and clarifications, page ${page}`, ...(await readerMetadata({ path: paths.corrections(page) })) };
}

export default async function OlderCorrectionsPage({ params }: Props) {
  const page = archivePageNumber((await params).n);
  if (!page || page < 2) return <NotFoundContent />;
  const list = await listPublishedCorrections(page);
  if (page > list.totalPages) return <NotFoundContent />;
  return <CorrectionsList list={list} />;
}
