import type { Metadata } from "next";

export const metadata: Metadata = { title: "Database unreachable", robots: { index: false } };

/**
 * What the admin shows, with a 503 and Retry-After, while the database is not answering
 * (scripts/web-server.ts keeps a copy of this page from when it was).
 */
export default function AdminUnavailable() {
  return (
    <section className="auth-card">
      <h1>The database is unreachable</h1>
      <p>Docket cannot reach its database just now, so the admin cannot open. Nothing you saved before is lost, and Docket keeps trying by itself.</p>
      <p>Reload this page in a few seconds. Readers meanwhile still get the pages Docket has already made.</p>
    </section>
  );
}
