import type { Metadata } from "next";
import { paths } from "@/lib/seo";
import { readerMetadata } from "../_components/reader-metadata";
import { SearchView } from "../_components/SearchView";

// With a query (/search?q=…) next.config.ts (or src/proxy.ts) rewrites to /search/[query]/[page];
// this is the empty form.
export async function generateMetadata(): Promise<Metadata> {
  return { title: "Search", robots: { index: false, follow: true }, ...(await readerMetadata({ path: paths.search(), canonical: false })) };
}

export default function SearchPage() {
  return <SearchView rawQuery="" page={1} />;
}
