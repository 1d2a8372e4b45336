import type { ReactNode } from "react";
import { SubscribeBox } from "@/features/subscriptions/components/SubscribeBox";
import { SiteFrame } from "./_components/SiteFrame";
import "./site.css";

export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <SiteFrame>
      {children}
      <div className="subscribe-slot">
        <SubscribeBox />
      </div>
    </SiteFrame>
  );
}
