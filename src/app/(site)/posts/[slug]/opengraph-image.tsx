import { readFile } from "node:fs/promises";
import path from "node:path";
import { notFound } from "next/navigation";
import { ImageResponse } from "next/og";
import { getPublishedPost } from "@/features/posts/data";
import { getSiteSettings } from "@/features/site/data";
import { formatUkDate } from "@/lib/london-time";

export const alt = "The post's title and author";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

// The font ships inside Next itself: the image renders offline, with no font download.
const fontFile = path.join(process.cwd(), "node_modules/next/dist/compiled/@vercel/og/Geist-Regular.ttf");

/** Characters outside the bundled font would make the renderer fetch fonts from the web: drop them. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7E\u00A0-\u024F\u2010-\u2027]/g, "").replace(/\s+/g, " ").trim();
}

export default async function PostSocialImage({ params }: { params: Promise<{ slug: string }> }) {
  const [post, site] = await Promise.all([getPublishedPost((await params).slug), getSiteSettings()]);
  if (!post) notFound();
  const font = await readFile(fontFile);
  const title = printable(post.title);
  const byline = printable(post.authors.map((author) => author.displayName).join(", "));
  return new ImageResponse(
    (
      <div
        style={{
          width: "100%",
          height: "100%",
          display: "flex",
          flexDirection: "column",
          justifyContent: "space-between",
          padding: "64px 72px",
          background: "#fbfaf7",
          color: "#1c1b19",
          borderTop: "18px solid #9b1c1c",
          fontFamily: "Geist",
        }}
      >
        <div style={{ display: "flex", fontSize: 34, letterSpacing: 1, color: "#9b1c1c" }}>
          {printable(site.name)}
          {post.category ? `  ·  ${printable(post.category.name)}` : ""}
        </div>
        <div style={{ display: "flex", fontSize: title.length > 80 ? 56 : 72, lineHeight: 1.1, letterSpacing: -1 }}>{title}</div>
        <div style={{ display: "flex", fontSize: 32, color: "#5b574f" }}>
          {byline}
          {`  ·  ${formatUkDate(post.publishedAt)}`}
        </div>
      </div>
    ),
    {
      ...size,
      fonts: [{ name: "Geist", data: font, weight: 400, style: "normal" }],
      headers: { "cache-control": "public, max-age=0, s-maxage=3600, stale-while-revalidate=86400" },
    },
  );
}
