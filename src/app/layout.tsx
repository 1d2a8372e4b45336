import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { siteUrl } from "@/lib/env";
import { absoluteUrl, paths, siteShareImage } from "@/lib/seo";
import { getSiteSettings } from "@/features/site/data";
import { siteIconLinks } from "@/features/site/site-icon";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const site = await getSiteSettings();
  const name = site.name;
  return {
    metadataBase: new URL(siteUrl()),
    title: { default: site.tagline ? `${name}: ${site.tagline}` : name, template: `%s · ${name}` },
    description: site.description || site.tagline || undefined,
    applicationName: name,
    icons: siteIconLinks(site),
    openGraph: { siteName: name, locale: "en_GB", type: "website", images: [siteShareImage(name)] },
    twitter: { card: "summary_large_image", images: [siteShareImage(name)], ...(site.social.x ? { site: `@${site.social.x}` } : {}) },
    alternates: {
      types: {
        "application/rss+xml": [{ url: absoluteUrl(paths.rss()), title: `${name} (RSS)` }],
        "application/atom+xml": [{ url: absoluteUrl(paths.atom()), title: `${name} (Atom)` }],
      },
    },
  };
}

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfaf7" },
    { media: "(prefers-color-scheme: dark)", color: "#161514" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body>{children}</body>
    </html>
  );
}
