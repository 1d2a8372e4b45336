import type { Metadata } from "next";
import { absoluteUrl } from "@/lib/seo";
import { HomeView } from "./_components/HomeView";

export const metadata: Metadata = { alternates: { canonical: absoluteUrl("/") } };

export default function HomePage() {
  return <HomeView page={1} />;
}
