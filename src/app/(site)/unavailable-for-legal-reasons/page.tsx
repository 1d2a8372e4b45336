import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Unavailable for legal reasons", robots: { index: false, follow: false } };

/**
 * What a reader gets, with the status 451, at the address of a post on legal hold (src/proxy.ts
 * fetches this page and sends it on): it says nothing about the post, the case or why.
 */
export default function UnavailableForLegalReasonsPage() {
  return (
    <article className="page">
      <h1>Unavailable for legal reasons</h1>
      <p>This article has been taken down for the time being for legal reasons. It may return later.</p>
      <p>
        <Link href="/">Read the latest posts</Link>
      </p>
    </article>
  );
}
