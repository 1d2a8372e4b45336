import type { Metadata } from "next";
import Link from "next/link";
import { ComplaintForm } from "@/features/complaints/components/ComplaintForm";
import { paths } from "@/lib/seo";
import styles from "@/components/email-link-page.module.css";
import { readerMetadata } from "../_components/reader-metadata";

export async function generateMetadata(): Promise<Metadata> {
  return {
    title: "Make a complaint",
    description: "Tell the editors about something we got wrong: we acknowledge every complaint within 7 days and aim to resolve it within 28.",
    ...(await readerMetadata({ path: paths.complaints() })),
  };
}

export default function ComplaintsPage() {
  return (
    <div className={styles.page}>
      <h1>Make a complaint</h1>
      <p className={styles.lede}>
        If something we published is inaccurate, intrudes on someone&rsquo;s privacy or breaks the Editors&rsquo; Code in another way, tell us here. An editor
        acknowledges every complaint within 7 days and we aim to resolve it within 28. Corrections we make are listed on our{" "}
        <Link href={paths.corrections()}>corrections page</Link>.
      </p>
      <ComplaintForm />
    </div>
  );
}
