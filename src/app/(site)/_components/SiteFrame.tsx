import Link from "next/link";
import type { ReactNode } from "react";
import { paths, siteName, siteTagline } from "@/lib/seo";

function SiteHeader() {
  return (
    <header className="masthead">
      <div className="masthead__inner">
        <p className="masthead__tagline">{siteTagline()}</p>
        <p className="masthead__name">
          <Link href="/">{siteName()}</Link>
        </p>
        <nav className="masthead__nav" aria-label="Site">
          <ul>
            <li>
              <Link href="/">Latest</Link>
            </li>
            <li>
              <Link href={paths.allSeries()}>Series</Link>
            </li>
            <li>
              <Link href={paths.search()}>Search</Link>
            </li>
          </ul>
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

function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p className="site-footer__name">{siteName()}</p>
        <p>{siteTagline()}</p>
        <ul className="site-footer__links">
          <li>
            <a href={paths.rss()}>RSS feed</a>
          </li>
          <li>
            <a href={paths.atom()}>Atom feed</a>
          </li>
          <li>
            <Link href={paths.allSeries()}>All series</Link>
          </li>
          <li>
            <a href="/sitemap.xml">Sitemap</a>
          </li>
        </ul>
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
