import type { Metadata } from "next";
import { NotFoundView } from "./_components/NotFoundView";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

export default function SiteNotFound() {
  return <NotFoundView />;
}
