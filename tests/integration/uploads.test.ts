import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import { uploadsStorage } from "@/lib/storage";
import { isSafeStorageKey } from "@/lib/storage-keys";
import { uploadImage } from "@/features/media/commands";
import { GET as serveUpload } from "@/app/uploads/[...key]/route";
import { sniffImageType } from "@/features/media/mutations";
import { MAX_UPLOAD_BODY_BYTES, readUploadForm } from "@/features/media/upload-body";
import { AuthorizationError, InputError } from "@/lib/errors";
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
    const { data: stored } = await runCommand(uploadImage, guest, { file: fileOf(await png(3000, 1500), "photo.png", "image/png") });
    expect(stored).toMatchObject({ url: expect.stringMatching(/^\/uploads\/\d{4}\/\d{2}\/[a-f0-9]{24}\.webp$/), width: 2000, height: 1000 });
    const key = stored.url.replace("/uploads/", "");
    const onDisk = await readFile(path.join(dataDir, "uploads", key));
    expect(sniffImageType(onDisk)).toBe("webp");
    expect(await uploadsStorage().get(key)).toMatchObject({ contentType: "image/webp" });
    expect(await db().mediaAsset.findUnique({ where: { path: stored.url } })).toMatchObject({ width: 2000, height: 1000, uploadedById: guest.id });
  });

  it("reads the type from the bytes: a text file named .png is refused", async () => {
    const error = await runCommand(uploadImage, guest, { file: fileOf(Buffer.from("<script>alert(1)</script>"), "evil.png", "image/png") }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe("That file is not an image Docket accepts: use JPEG, PNG, WebP or GIF.");
  });

  it("refuses a damaged image that only starts like one", async () => {
    const bytes = Buffer.concat([(await png(10, 10)).subarray(0, 20), Buffer.alloc(100)]);
    await expect(runCommand(uploadImage, guest, { file: fileOf(bytes, "broken.png", "image/png") })).rejects.toThrow(/could not be read/);
  });

  it("refuses an oversized upload", async () => {
    const big = Buffer.concat([await png(10, 10), Buffer.alloc(8 * 1024 * 1024)]);
    await expect(runCommand(uploadImage, guest, { file: fileOf(big, "big.png", "image/png") })).rejects.toThrow("The image is too large: the limit is 8 MB.");
  });

  it("refuses an empty form and a signed-out visitor", async () => {
    await expect(runCommand(uploadImage, guest, { file: null })).rejects.toThrow("Choose an image to upload.");
    await expect(runCommand(uploadImage, null, { file: fileOf(await png(5, 5), "a.png", "image/png") })).rejects.toBeInstanceOf(AuthorizationError);
  });

  it("storage keys cannot escape the uploads folder", () => {
    expect(isSafeStorageKey("2026/11/abc.webp")).toBe(true);
    expect(isSafeStorageKey("../secrets.webp")).toBe(false);
    expect(isSafeStorageKey("2026/../../x.webp")).toBe(false);
    expect(isSafeStorageKey("a.svg")).toBe(false);
  });
});

describe("serving uploads", () => {
  it("serves a stored image with a year-long immutable cache and no sniffing; an unknown key is a 404", async () => {
    const { data: stored } = await runCommand(uploadImage, guest, { file: fileOf(await png(40, 20), "served.png", "image/png") });
    const key = stored.url.replace(/^\/uploads\//, "");
    const response = await serveUpload(new Request(`http://docket.test${stored.url}`), { params: Promise.resolve({ key: key.split("/") }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(40);

    const missing = await serveUpload(new Request("http://docket.test/uploads/nope.webp"), { params: Promise.resolve({ key: ["nope.webp"] }) });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("no-store");
  });
});

describe("reading an upload's body", () => {
  /** A request streamed in 1 MB chunks with no Content-Length, as a chunked upload arrives. */
  function chunkedRequest(totalBytes: number, boundary = "x-boundary") {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= totalBytes) return controller.close();
        const size = Math.min(1024 * 1024, totalBytes - sent);
        sent += size;
        controller.enqueue(new Uint8Array(size));
      },
    });
    const request = new Request("http://docket.test/api/uploads", { method: "POST", body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, duplex: "half" } as RequestInit);
    return { request, read: () => sent };
  }

  it("stops reading a chunked body that passes the limit, without a Content-Length to go by", async () => {
    const { request, read } = chunkedRequest(MAX_UPLOAD_BODY_BYTES * 4);
    expect(request.headers.get("content-length")).toBeNull();
    expect(await readUploadForm(request)).toBe("too-large");
    expect(read()).toBeLessThan(MAX_UPLOAD_BODY_BYTES + 3 * 1024 * 1024);
  });

  it("reads a multipart body within the limit", async () => {
    const form = new FormData();
    form.set("file", fileOf(await png(20, 10), "small.png", "image/png"));
    const parsed = await readUploadForm(new Request("http://docket.test/api/uploads", { method: "POST", body: form }));
    expect(parsed).toBeInstanceOf(FormData);
    expect(((parsed as FormData).get("file") as File).type).toBe("image/png");
  });
});
