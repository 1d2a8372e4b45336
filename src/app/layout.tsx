import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { siteUrl } from "@/lib/env";
import { absoluteUrl, paths, siteName, siteShareImage, siteTagline } from "@/lib/seo";
import "./globals.css";

export function generateMetadata(): Metadata {
  const name = siteName();
  return {
    metadataBase: new URL(siteUrl()),
    title: { default: `${name}: ${siteTagline()}`, template: `%s · ${name}` },
    description: siteTagline(),
    applicationName: name,
    openGraph: { siteName: name, locale: "en_GB", type: "website", images: [siteShareImage()] },
    twitter: { card: "summary_large_image", images: [siteShareImage()] },
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
