// The 1200×630 picture social sites show for a link (og:image): a post's title and byline, or the
// site's name and tagline. Drawn entirely offline: satori lays out the text with the Geist font that
// ships inside Next, draws emoji with Twemoji's pictures (the @twemoji/svg package, graphics
// CC-BY 4.0, credited in the README), and sharp turns the SVG into a PNG.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ReactNode } from "react";
import satori from "satori";
import sharp from "sharp";

export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;

const fontFile = path.join(process.cwd(), "node_modules/next/dist/compiled/@vercel/og/Geist-Regular.ttf");
const twemojiFolder = path.join(process.cwd(), "node_modules/@twemoji/svg");

let font: Promise<Buffer> | undefined;

// Emoji sequences (flags, skin tones, families) are one picture each: Twemoji names the file by
// the code points, leaving out U+FE0F unless the sequence is joined with U+200D.
function twemojiNames(emoji: string): string[] {
  const points = (text: string) => [...text].map((char) => char.codePointAt(0)!.toString(16)).join("-");
  const names = [points(emoji.includes("\u200D") ? emoji : emoji.replaceAll("\uFE0F", "")), points(emoji), points(emoji.replaceAll("\uFE0F", ""))];
  return [...new Set(names)];
}

/** The emoji as a data: URL, or undefined when Twemoji has no picture for it (satori then leaves it out). */
async function emojiPicture(emoji: string): Promise<string | undefined> {
  for (const name of twemojiNames(emoji)) {
    if (!/^[0-9a-f-]+$/.test(name)) continue;
    const svg = await readFile(path.join(twemojiFolder, `${name}.svg`)).catch(() => null);
    if (svg) return `data:image/svg+xml;base64,${svg.toString("base64")}`;
  }
  return undefined;
}

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
// Latin (with accents and extensions), Greek, Cyrillic and general punctuation: what the font draws.
const DRAWABLE = /[\x20-\x7E\u00A0-\u024F\u0370-\u03FF\u0400-\u04FF\u2010-\u2027\u2030-\u205E\u20AC]/u;

/**
 * The text with every character the font cannot draw left out, emoji kept (they are pictures), and
 * the spaces around what was left out closed up, so nothing shows as a gap or an empty box.
 */
export function drawableText(text: string): string {
  const segments = [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)].map((part) => part.segment);
  return segments
    .map((grapheme) => (EMOJI.test(grapheme) ? grapheme : [...grapheme].filter((char) => DRAWABLE.test(char)).join("")))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

async function renderPng(element: ReactNode): Promise<Buffer> {
  font ??= readFile(fontFile);
  const svg = await satori(element, {
    ...SHARE_IMAGE_SIZE,
    fonts: [{ name: "Geist", data: await font, weight: 400, style: "normal" }],
    loadAdditionalAsset: async (code, segment) => (code === "emoji" ? ((await emojiPicture(segment)) ?? "") : []),
  });
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}

/** The card: a kicker line (the site, a category), the title, and a foot line (byline and date, or a tagline). */
export function renderShareImage(card: { kicker: string; title: string; foot: string }): Promise<Buffer> {
  const title = drawableText(card.title);
  return renderPng(
    <div
      style={{
        width: "100%",
        height: "100%",
        boxSizing: "border-box",
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
      <div style={{ display: "flex", fontSize: 34, letterSpacing: 1, color: "#9b1c1c" }}>{drawableText(card.kicker)}</div>
      <div style={{ display: "flex", fontSize: title.length > 80 ? 56 : 72, lineHeight: 1.15 }}>{title}</div>
      <div style={{ display: "flex", fontSize: 32, color: "#5b574f" }}>{drawableText(card.foot)}</div>
    </div>,
  );
}

export function shareImageResponse(png: Buffer, cacheControl: string): Response {
  return new Response(new Uint8Array(png), {
    headers: { "content-type": "image/png", "content-length": String(png.length), "cache-control": cacheControl },
  });
}
