import type { Metadata } from "next";
import { listPublishedCorrections } from "@/features/posts/corrections/data";
import { CorrectionsList } from "@/features/posts/corrections/components/CorrectionsList";
import { paths } from "@/lib/seo";
import { readerMetadata } from "../_components/reader-metadata";

export const ensureStatic = "navigation";

export async function generateMetadata(): Promise<Metadata> {
  return {
    title: "Corrections and clarifications",
    description: "Every correction and clarification we have published, newest first.",
    ...(await readerMetadata({ path: paths.corrections(), feed: { path: "/corrections", title: "Corrections and clarifications" } })),
  };
}

export default async function CorrectionsPage() {
  return <CorrectionsList list={await listPublishedCorrections(1)} />;
}
