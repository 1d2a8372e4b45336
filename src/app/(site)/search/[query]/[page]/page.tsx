import type { Metadata } from "next";
import { parseSearchPage } from "@/features/search/schema";
import { paths } from "@/lib/seo";
import { readerMetadata } from "../../../_components/reader-metadata";
import { SearchView } from "../../../_components/SearchView";
import { NotFoundContent } from "../../../_components/NotFoundContent";
import { decodeOrKeep } from "@/lib/percent-encoding";

// One static page per query and page number, made on the first request and then served from the
// cache until a post changes: /search?q=… is rewritten here (next.config.ts; src/proxy.ts for
// queries with characters a path cannot hold as they are).
export const ensureStatic = "navigation";

type Props = { params: Promise<{ query: string; page: string }> };

export function generateStaticParams() {
  return [{ query: "-", page: "1" }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { query, page } = await params;
  return {
    title: `Search: ${decodeOrKeep(query).slice(0, 60)}`,
    robots: { index: false, follow: true },
    ...(await readerMetadata({ path: paths.search(decodeOrKeep(query), parseSearchPage(page)), canonical: false })),
  };
}

export default async function SearchResultsPage({ params }: Props) {
  const { query, page } = await params;
  if (String(parseSearchPage(page)) !== page) return <NotFoundContent />;
  return <SearchView rawQuery={decodeOrKeep(query)} page={Number(page)} />;
}
