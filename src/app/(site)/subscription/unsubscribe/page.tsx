import type { Metadata } from "next";
import { Suspense } from "react";
import { UnsubscribePanel } from "@/features/subscriptions/components/SubscriptionPages";
import styles from "@/features/subscriptions/components/subscription.module.css";
import { readLinkParams, type RawSearchParams } from "../link-params";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false, follow: false }, referrer: "no-referrer" };

async function Panel({ searchParams }: { searchParams: RawSearchParams }) {
  return <UnsubscribePanel params={await readLinkParams(searchParams)} />;
}

export default function Page({ searchParams }: { searchParams: RawSearchParams }) {
  return (
    <main className={styles.page}>
      <Suspense fallback={<p>Loading…</p>}>
        <Panel searchParams={searchParams} />
      </Suspense>
    </main>
  );
}
