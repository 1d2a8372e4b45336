import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { drawableText, renderShareImage } from "./share-image";

/** Pixels of Twemoji's red (the bird, the heart) in the title's band, below the kicker line. */
async function redPixelsInTitle(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let count = 0;
  for (let y = 180; y < 480; y++) {
    for (let x = 0; x < info.width; x++) {
      const at = (y * info.width + x) * 3;
      if (data[at] > 190 && data[at + 1] < 90 && data[at + 2] < 100) count++;
    }
  }
  return count;
}

describe("the share image", () => {
  it("keeps emoji and every character the font draws; leaves out the rest without leaving gaps", () => {
    expect(drawableText("Why I tweet 🐦 — a 👩🏽‍⚖️ judge’s 🏳️‍🌈 view")).toBe("Why I tweet 🐦 — a 👩🏽‍⚖️ judge’s 🏳️‍🌈 view");
    expect(drawableText("Prisons 中文 and  Ünïcödé\u0007 text")).toBe("Prisons and Ünïcödé text");
  });

  it("draws emoji as pictures, offline", async () => {
    const card = { kicker: "Docket", foot: "An Author · 1 January 2026" };
    const withEmoji = await renderShareImage({ ...card, title: "Why I tweet 🐦❤️" });
    const without = await renderShareImage({ ...card, title: "Why I tweet" });
    expect((await sharp(withEmoji).metadata()).width).toBe(1200);
    expect(await redPixelsInTitle(without)).toBe(0);
    expect(await redPixelsInTitle(withEmoji)).toBeGreaterThan(500);
  });
});
