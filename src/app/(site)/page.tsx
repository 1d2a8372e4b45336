import type { Metadata } from "next";
import { readerPageMetadata } from "@/lib/seo";
import { HomeView } from "./_components/HomeView";

export const metadata: Metadata = readerPageMetadata({ path: "/" });

export default function HomePage() {
  return <HomeView page={1} />;
}
