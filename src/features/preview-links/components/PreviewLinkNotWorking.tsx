import Link from "next/link";

/** An unknown, expired or revoked preview link: the 404 page in the site's design, saying what to do. */
export function PreviewLinkNotWorking() {
  return (
    <div className="error-page">
      <p className="kicker">Error 404</p>
      <h1>This preview link does not work</h1>
      <p>It may have expired or been revoked by the editors. Ask whoever sent it to you for a new one.</p>
      <p>
        Or read the <Link href="/">latest published posts</Link>.
      </p>
    </div>
  );
}
