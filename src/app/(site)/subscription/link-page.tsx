// The pages reached from links in our emails share one shape: a token in the query, read inside
// Suspense (the page shell stays static), never indexed, no referrer carrying the token away.
import type { Metadata } from "next";
import { Suspense, type ReactNode } from "react";
import { connection } from "next/server";
import { z } from "zod";
import { firstValues, type SearchParams } from "@/lib/search-params";
import { readerPageMetadata } from "@/lib/seo";
import styles from "@/components/email-link-page.module.css";

const linkParamsSchema = z.object({
  token: z.string().max(300).optional().catch(undefined),
  state: z.enum(["not-pending", "missing"]).optional().catch(undefined),
  done: z.literal("1").optional().catch(undefined),
  welcome: z.literal("1").optional().catch(undefined),
});

type LinkParams = z.infer<typeof linkParamsSchema>;
type RawSearchParams = Promise<SearchParams>;

async function readLinkParams(searchParams: RawSearchParams): Promise<LinkParams> {
  return linkParamsSchema.parse(firstValues(await searchParams));
}

export function linkPageMetadata(title: string, path: string): Metadata {
  return { title, robots: { index: false, follow: false }, referrer: "no-referrer", ...readerPageMetadata({ path, canonical: false }) };
}

export function linkPage(Panel: (props: { params: LinkParams }) => Promise<ReactNode>) {
  async function PanelWithParams({ searchParams }: { searchParams: RawSearchParams }) {
    // Tokens are checked against the clock, so the panel renders per request, never in a prefetch.
    await connection();
    return <Panel params={await readLinkParams(searchParams)} />;
  }
  return function LinkPage({ searchParams }: { searchParams: RawSearchParams }) {
    return (
      <div className={styles.page}>
        <Suspense fallback={<p>Loading…</p>}>
          <PanelWithParams searchParams={searchParams} />
        </Suspense>
      </div>
    );
  };
}
