import type { Metadata } from "next";
import { readerPageMetadata } from "@/lib/seo";
import { SubscribeBox } from "@/features/subscriptions/components/SubscribeBox";
import styles from "@/components/email-link-page.module.css";

export const metadata: Metadata = {
  title: "Subscribe by email",
  description: "Get every new post by email, free: one email a morning, only when there is something new.",
  ...readerPageMetadata({ path: "/subscribe" }),
};

export default function SubscribePage() {
  return (
    <div className={styles.page}>
      <h1>Subscribe by email</h1>
      <p className={styles.lede}>
        Get every new post in your inbox, free. One email each morning, and only when there is something new. After subscribing you
        can choose particular series or categories instead, pause, or leave with one click.
      </p>
      <SubscribeBox id="subscribe-page" />
      <p className={styles.hint}>
        We send a confirmation link first: nothing else arrives until you click it. We use your address only to send these emails and
        never show it to anyone.
      </p>
    </div>
  );
}
