import type { ReactNode } from "react";
import { SiteFrame } from "../(site)/_components/SiteFrame";
import "../(site)/site.css";

/** The reader site's frame without the subscribe box: previews offer no forms. */
export default function PreviewLayout({ children }: { children: ReactNode }) {
  return <SiteFrame>{children}</SiteFrame>;
}
