import Link from "next/link";
import type { ReactNode } from "react";
import { getMenuLinks, type MenuLinkView } from "@/features/menus/data";
import { getSiteSettings } from "@/features/site/data";
import { socialLinks } from "@/features/site/social-links";

function MenuLink({ link }: { link: MenuLinkView }) {
  return link.external ? <a href={link.href}>{link.label}</a> : <Link href={link.href}>{link.label}</Link>;
}

async function SiteHeader() {
  const [site, links] = await Promise.all([getSiteSettings(), getMenuLinks("header")]);
  return (
    <header className="masthead">
      <div className="masthead__inner">
        {site.tagline && <p className="masthead__tagline">{site.tagline}</p>}
        <p className="masthead__name">
          <Link href="/">
            {site.logoUrl && (
              // eslint-disable-next-line @next/next/no-img-element -- uploads are already resized; the name beside it is the link's text
              <img src={site.logoUrl} alt="" className="masthead__logo" />
            )}
            {site.name}
          </Link>
        </p>
        <nav className="masthead__nav" aria-label="Site">
          {links.length > 0 && (
            <ul>
              {links.map((link, index) => (
                <li key={`${index}-${link.href}`}>
                  <MenuLink link={link} />
                </li>
              ))}
            </ul>
          )}
          <form action="/search" method="get" role="search" aria-label="Site search" className="masthead__search">
            <label htmlFor="site-search" className="visually-hidden">
              Search posts
            </label>
            <input id="site-search" type="search" name="q" placeholder="Search posts" maxLength={200} />
            <button type="submit">Search</button>
          </form>
        </nav>
      </div>
    </header>
  );
}

async function SiteFooter() {
  const [site, links] = await Promise.all([getSiteSettings(), getMenuLinks("footer")]);
  const social = socialLinks(site.social);
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p className="site-footer__name">{site.name}</p>
        {site.tagline && <p>{site.tagline}</p>}
        {links.length > 0 && (
          <nav aria-label="Footer">
            <ul className="site-footer__links">
              {links.map((link, index) => (
                <li key={`${index}-${link.href}`}>
                  <MenuLink link={link} />
                </li>
              ))}
            </ul>
          </nav>
        )}
        {social.length > 0 && (
          <ul className="site-footer__links site-footer__social" aria-label="Follow us">
            {social.map((account) => (
              <li key={account.network}>
                <a href={account.url} rel="me noopener">
                  {account.network}
                </a>
              </li>
            ))}
          </ul>
        )}
        {site.footerText && <p className="site-footer__text">{site.footerText}</p>}
      </div>
    </footer>
  );
}

/** Skip link, masthead, the page's main content, footer: the frame of every reader page. */
export function SiteFrame({ children }: { children: ReactNode }) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
