// What src/proxy.ts shows for a preview link that is unknown, revoked or expired. Static, with the
// 404 status settled while it is prerendered: the preview page itself streams after its shell,
// too late to change the status.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { PreviewLinkNotWorking } from "@/features/preview-links/components/PreviewLinkNotWorking";

export const metadata: Metadata = { title: "Preview link not working", robots: { index: false, follow: false } };

async function AnswerNotFound(): Promise<never> {
  notFound();
}

export default function PreviewLinkExpired() {
  return (
    <>
      <PreviewLinkNotWorking />
      <Suspense fallback={null}>
        <AnswerNotFound />
      </Suspense>
    </>
  );
}
