import type { Metadata } from "next";
import { readerMetadata } from "./_components/reader-metadata";
import { HomeView } from "./_components/HomeView";

export async function generateMetadata(): Promise<Metadata> {
  return readerMetadata({ path: "/" });
}

export default function HomePage() {
  return <HomeView page={1} />;
}
