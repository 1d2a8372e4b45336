import type { Metadata } from "next";

export const metadata: Metadata = { title: "Briefly unavailable", robots: { index: false } };

/**
 * What a reader gets, with a 503 and Retry-After, for a page the site cannot make while its database is
 * not answering (scripts/web-server.ts keeps a copy from when it was): pages already made still open.
 */
export default function UnavailablePage() {
  return (
    <article className="page">
      <h1>Briefly unavailable</h1>
      <p>This page cannot be shown just now: the site has lost touch with its database for a moment. It will be back by itself within a few seconds or minutes.</p>
      <p>Pages you have read recently still open. Try this one again shortly.</p>
    </article>
  );
}
