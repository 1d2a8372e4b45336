/** Plain share links: no third-party script runs on the page. `via` is the site's X handle, if any. */
export function ShareLinks({ url, title, via }: { url: string; title: string; via?: string | null }) {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  const links = [
    { name: "X", href: `https://x.com/intent/post?url=${u}&text=${t}${via ? `&via=${encodeURIComponent(via)}` : ""}` },
    { name: "LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { name: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: "Email", href: `mailto:?subject=${t}&body=${u}` },
  ];
  return (
    <nav className="share" aria-label="Share this post">
      <h2 className="share__label">Share this post</h2>
      <ul>
        {links.map((link) => (
          <li key={link.name}>
            <a href={link.href} rel="noopener noreferrer" target={link.name === "Email" ? undefined : "_blank"}>
              {link.name}
              {link.name !== "Email" && <span className="visually-hidden"> (opens in a new tab)</span>}
            </a>
          </li>
        ))}
        <li>
          <a href={url} title="The address of this post, to copy">
            Link to this post
          </a>
        </li>
      </ul>
    </nav>
  );
}
