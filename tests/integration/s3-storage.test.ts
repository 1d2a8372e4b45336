// Uploads in S3-compatible storage (S3_URL), against a real local S3 server: what one process stores
// any other reads, through its own client, and the uploads route serves it.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseS3Url, S3FileStorage } from "@/lib/s3-storage";
import { uploadsStorage } from "@/lib/storage";
import { runCommand } from "@/lib/action";
import { uploadImage } from "@/features/media/commands";
import { GET as serveUpload } from "@/app/uploads/[...key]/route";
import { createTestUser, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";
import { startTestS3Server, type TestS3Server } from "../helpers/s3-server";

let s3: TestS3Server;
let author: Awaited<ReturnType<typeof createTestUser>>;

beforeAll(async () => {
  s3 = await startTestS3Server();
  await useTestSettings();
  process.env.S3_URL = s3.s3Url; // read once, at the first env() call
  await openEditorialTestDatabase();
  author = await createTestUser("s3-author@docket.test", "AUTHOR", "Sam Storage");
});
afterAll(async () => {
  await s3?.stop();
});

describe("S3_URL", () => {
  it("names the endpoint, bucket, optional folder, region and credentials", () => {
    expect(parseS3Url("https://AK%2F1:se%2Bcret@s3.example.org:9000/media/docket/uploads?region=eu-west-2")).toEqual({
      endpoint: "https://s3.example.org:9000",
      region: "eu-west-2",
      bucket: "media",
      prefix: "docket/uploads/",
      accessKeyId: "AK/1",
      secretAccessKey: "se+cret",
    });
    expect(parseS3Url("http://k:s@127.0.0.1:4568/b")).toMatchObject({ region: "us-east-1", prefix: "" });
    expect(() => parseS3Url("https://k:s@s3.example.org/")).toThrow(/names no bucket/);
    expect(() => parseS3Url("https://s3.example.org/bucket")).toThrow(/holds no credentials/);
  });
});

describe("S3 storage", () => {
  it("stores through one client and reads through another; an unknown key is null; unsafe keys are refused", async () => {
    const writer = new S3FileStorage(parseS3Url(s3.s3Url));
    const reader = new S3FileStorage(parseS3Url(s3.s3Url));
    await writer.put("2026/11/abcdef.png", Buffer.from("png bytes"), "image/png");
    expect(await reader.get("2026/11/abcdef.png")).toEqual({ bytes: Buffer.from("png bytes"), contentType: "image/png" });
    expect(await reader.get("2026/11/missing.png")).toBeNull();
    expect(await reader.get("../etc/passwd.png")).toBeNull();
    await expect(writer.put("../x.png", Buffer.from(""), "image/png")).rejects.toThrow(/Unsafe storage key/);
  });

  it("deletes a stored document (a page's removed download), and deleting it again is no error", async () => {
    const storage = new S3FileStorage(parseS3Url(s3.s3Url));
    await storage.put("documents/2026/11/abcdef.pdf", Buffer.from("%PDF-1.4"), "application/pdf");
    expect(await storage.get("documents/2026/11/abcdef.pdf")).toEqual({ bytes: Buffer.from("%PDF-1.4"), contentType: "application/pdf" });
    await storage.delete("documents/2026/11/abcdef.pdf");
    expect(await storage.get("documents/2026/11/abcdef.pdf")).toBeNull();
    await expect(storage.delete("documents/2026/11/abcdef.pdf")).resolves.toBeUndefined();
  });

  it("lists every stored key under its folder, for backups", async () => {
    const listed = new S3FileStorage(parseS3Url(`${s3.s3Url}/listed`));
    for (let index = 0; index < 3; index++) await listed.put(`2026/11/listed-${index}.webp`, Buffer.from("webp"), "image/webp");
    await listed.put("documents/guide.pdf", Buffer.from("%PDF-1.4"), "application/pdf");
    const keys: string[] = [];
    for await (const key of listed.keys()) keys.push(key);
    expect(keys.sort()).toEqual(["2026/11/listed-0.webp", "2026/11/listed-1.webp", "2026/11/listed-2.webp", "documents/guide.pdf"]);
  });

  it("keeps objects under the folder S3_URL names", async () => {
    const inFolder = new S3FileStorage(parseS3Url(`${s3.s3Url}/site-a`));
    await inFolder.put("2026/11/folder.gif", Buffer.from("gif"), "image/gif");
    expect(await new S3FileStorage(parseS3Url(s3.s3Url)).get("2026/11/folder.gif")).toBeNull();
    expect(await inFolder.get("2026/11/folder.gif")).toMatchObject({ contentType: "image/gif" });
  });

  it("holds an uploaded image, which the uploads route then serves", async () => {
    expect(uploadsStorage()).toBeInstanceOf(S3FileStorage);
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: "#224466" } }).png().toBuffer();
    const { data: stored } = await runCommand(uploadImage, author, { file: new File([new Uint8Array(png)], "cover.png", { type: "image/png" }) });
    const key = stored.url.replace(/^\/uploads\//, "");
    const fromBucket = await new S3FileStorage(parseS3Url(s3.s3Url)).get(key);
    expect(fromBucket?.contentType).toBe("image/webp");
    const response = await serveUpload(new Request(`http://docket.test${stored.url}`), { params: Promise.resolve({ key: key.split("/") }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(Buffer.from(await response.arrayBuffer()).equals(fromBucket!.bytes)).toBe(true);
  });
});
