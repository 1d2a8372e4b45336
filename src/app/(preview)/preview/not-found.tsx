import type { Metadata } from "next";
import { PreviewLinkNotWorking } from "@/features/preview-links/components/PreviewLinkNotWorking";

export const metadata: Metadata = { title: "Preview link not working", robots: { index: false, follow: false } };

export default function PreviewNotFound() {
  return <PreviewLinkNotWorking />;
}
