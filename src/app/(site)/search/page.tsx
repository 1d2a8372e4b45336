import type { Metadata } from "next";
import { paths, readerPageMetadata } from "@/lib/seo";
import { SearchView } from "../_components/SearchView";

// With a query (/search?q=…) next.config.ts (or src/proxy.ts) rewrites to /search/[query]/[page];
// this is the empty form.
export const metadata: Metadata = { title: "Search", robots: { index: false, follow: true }, ...readerPageMetadata({ path: paths.search(), canonical: false }) };

export default function SearchPage() {
  return <SearchView rawQuery="" page={1} />;
}
