import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AuthorizationError } from "@/lib/auth";
import { isSafeStorageKey, uploadsStorage } from "@/lib/storage";
import { uploadImageFor } from "@/features/media/commands";
import { sniffImageType } from "@/features/media/mutations";
import { InputError } from "@/features/editorial/command-errors";
import { createTestUser, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

let dataDir: string;
let guest: Awaited<ReturnType<typeof createTestUser>>;

beforeAll(async () => {
  dataDir = await useTestSettings();
  await openEditorialTestDatabase();
  guest = await createTestUser("guest@docket.test", "GUEST", "Gus Guest");
});

async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#8a1c1c" } }).png().toBuffer();
}

const fileOf = (bytes: Buffer, name: string, type: string) => new File([new Uint8Array(bytes)], name, { type });

describe("image uploads", () => {
  it("resizes a large image to WebP under the data folder and records it", async () => {
    const stored = await uploadImageFor(guest, fileOf(await png(3000, 1500), "photo.png", "image/png"));
    expect(stored).toMatchObject({ url: expect.stringMatching(/^\/uploads\/\d{4}\/\d{2}\/[a-f0-9]{24}\.webp$/), width: 2000, height: 1000 });
    const key = stored.url.replace("/uploads/", "");
    const onDisk = await readFile(path.join(dataDir, "uploads", key));
    expect(sniffImageType(onDisk)).toBe("webp");
    expect(await uploadsStorage().get(key)).toMatchObject({ contentType: "image/webp" });
    expect(await db().mediaAsset.findUnique({ where: { path: stored.url } })).toMatchObject({ width: 2000, height: 1000, uploadedById: guest.id });
  });

  it("reads the type from the bytes: a text file named .png is refused", async () => {
    const error = await uploadImageFor(guest, fileOf(Buffer.from("<script>alert(1)</script>"), "evil.png", "image/png")).catch((caught) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe("That file is not an image Docket accepts: use JPEG, PNG, WebP or GIF.");
  });

  it("refuses a damaged image that only starts like one", async () => {
    const bytes = Buffer.concat([(await png(10, 10)).subarray(0, 20), Buffer.alloc(100)]);
    await expect(uploadImageFor(guest, fileOf(bytes, "broken.png", "image/png"))).rejects.toThrow(/could not be read/);
  });

  it("refuses an oversized upload", async () => {
    const big = Buffer.concat([await png(10, 10), Buffer.alloc(8 * 1024 * 1024)]);
    await expect(uploadImageFor(guest, fileOf(big, "big.png", "image/png"))).rejects.toThrow("The image is too large: the limit is 8 MB.");
  });

  it("refuses an empty form and a signed-out visitor", async () => {
    await expect(uploadImageFor(guest, null)).rejects.toThrow("Choose an image to upload.");
    await expect(uploadImageFor(null, fileOf(await png(5, 5), "a.png", "image/png"))).rejects.toBeInstanceOf(AuthorizationError);
  });

  it("storage keys cannot escape the uploads folder", () => {
    expect(isSafeStorageKey("2026/11/abc.webp")).toBe(true);
    expect(isSafeStorageKey("../secrets.webp")).toBe(false);
    expect(isSafeStorageKey("2026/../../x.webp")).toBe(false);
    expect(isSafeStorageKey("a.svg")).toBe(false);
  });
});
