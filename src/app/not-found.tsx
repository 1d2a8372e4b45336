import type { Metadata } from "next";
import { NotFoundView } from "./(site)/_components/NotFoundView";
import { SiteFrame } from "./(site)/_components/SiteFrame";
import "./(site)/site.css";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

export default function NotFound() {
  return (
    <SiteFrame>
      <NotFoundView />
    </SiteFrame>
  );
}
