// --download-media against a real HTTP server standing in for the old site (on 127.0.0.2, which this test
// lets Docket fetch from as if it were on the internet): images and documents are fetched and stored
// (images re-encoded, documents as they are), every address of them in the text points at Docket's copy
// (bare links and relative paths too), and what is missing, too large, of another type or on another site
// is listed in the report and never fails the import. And an export that points at a server on this
// machine (127.0.0.1, an "internal" service) in every form reaches nothing.
import { createServer, type Server } from "node:http";
import { mkdtemp } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IMPORT_OPTIONS, importWordPressFile } from "@/features/wordpress/import/import";
import { MAX_DOCUMENT_BYTES } from "@/features/wordpress/import/media";
import { writeWxrFile } from "@/features/wordpress/wxr/writer";
import type { WxrItem } from "@/features/wordpress/wxr/types";
import { db } from "@/lib/db";
import { uploadsStorage } from "@/lib/storage";
import { openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

process.env.DOCKET_FETCH_ALLOW_ADDRESSES = "127.0.0.2";

let server: Server;
let site: string;
const requested: string[] = [];
let internal: Server;
let internalPort: number;
const internalHits: string[] = [];

function listen(target: Server, host: string): Promise<number> {
  return new Promise((resolve) => target.listen(0, host, () => resolve((target.address() as AddressInfo).port)));
}

beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  const jpeg = await sharp({ create: { width: 30, height: 20, channels: 3, background: "#aa3300" } }).jpeg().toBuffer();
  const files: Record<string, () => Buffer> = {
    "/wp-content/uploads/2024/05/photo.jpg": () => jpeg,
    "/wp-content/uploads/2024/05/report.pdf": () => Buffer.from("%PDF-1.4\n% annual report\n%%EOF\n"),
    "/wp-content/uploads/2024/05/page.jpg": () => Buffer.from("<html>not an image</html>"),
    "/wp-content/uploads/2024/05/huge.pdf": () => Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(MAX_DOCUMENT_BYTES + 10)]),
  };
  internal = createServer((request, response) => {
    internalHits.push(request.url ?? "");
    response.writeHead(200, { "content-type": "image/png" }).end(jpeg);
  });
  internalPort = await listen(internal, "127.0.0.1");
  server = createServer((request, response) => {
    requested.push(request.url ?? "");
    if (request.url === "/wp-content/uploads/2024/05/moved.jpg") {
      response.writeHead(302, { location: `http://127.0.0.1:${internalPort}/internal/secret.jpg` }).end();
      return;
    }
    const file = files[request.url ?? ""];
    if (!file) {
      response.writeHead(404).end("Not found");
      return;
    }
    response.writeHead(200).end(file());
  });
  site = `http://127.0.0.2:${await listen(server, "127.0.0.2")}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => internal.close(resolve));
  await db().$disconnect();
});

function item(fields: Partial<Omit<WxrItem, "kind">> & Pick<WxrItem, "postId" | "title" | "postType">): Omit<WxrItem, "kind"> {
  return {
    link: null,
    pubDate: null,
    creator: "editor",
    guid: "",
    content: "",
    excerpt: "",
    postDate: "2024-05-01 09:00:00",
    postDateGmt: new Date("2024-05-01T08:00:00Z"),
    postModified: null,
    postModifiedGmt: null,
    commentStatus: "open",
    pingStatus: "open",
    postName: "",
    status: "publish",
    postParent: 0,
    menuOrder: 0,
    postPassword: "",
    isSticky: false,
    attachmentUrl: null,
    terms: [],
    meta: [],
    comments: [],
    ...fields,
  };
}

describe("downloading media from the old site", () => {
  it("fetches images and documents, rewrites their addresses, and reports the rest", async () => {
    const uploads = `${site}/wp-content/uploads/2024/05`;
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "docket-media-")), "export.xml");
    await writeWxrFile(file, {
      site: { title: "Old site", link: site, description: "", language: "en", baseSiteUrl: site, baseBlogUrl: site },
      authors: [{ id: 1, login: "editor", email: "", displayName: "The Editor", firstName: "", lastName: "" }],
      items: [
        item({ postId: 5, title: "photo", postType: "attachment", status: "inherit", postParent: 6, attachmentUrl: `${uploads}/photo.jpg`, meta: [{ key: "_wp_attachment_image_alt", value: "A red square" }] }),
        item({
          postId: 6,
          title: "With media",
          postType: "post",
          postName: "with-media",
          content: [
            `<img src="${uploads}/photo-300x200.jpg" alt="Resized">`,
            `<a href="${uploads}/report.pdf">The report</a>`,
            `<a href="${uploads}/missing.pdf">Gone</a>`,
            `<img src="${uploads}/page.jpg" alt="Disguised">`,
            `<a href="${uploads}/huge.pdf">Huge</a>`,
            `<img src="https://elsewhere.example/picture.jpg" alt="Elsewhere">`,
            // A bare address alone in its paragraph (WordPress's embed), and a path relative to the site.
            `${uploads}/report.pdf`,
            `<img src="/wp-content/uploads/2024/05/photo.jpg" alt="Relative">`,
          ].join("\n\n"),
          meta: [{ key: "_thumbnail_id", value: "5" }],
        }),
      ],
    });

    const report = await importWordPressFile(file, { ...DEFAULT_IMPORT_OPTIONS, downloadMedia: true });
    const link = await db().wordPressLink.findFirstOrThrow({ where: { kind: "post", wpKey: "6" } });
    const post = await db().post.findUniqueOrThrow({ where: { id: link.docketId } });
    expect(post.coverImageUrl).toMatch(/^\/uploads\/\d{4}\/\d{2}\/[a-f0-9]{24}\.webp$/);
    expect(post.bodyMarkdown).toContain(`![Resized](${post.coverImageUrl})`);
    const pdf = /\[The report\]\((\/uploads\/documents\/[^)]+\.pdf)\)/.exec(post.bodyMarkdown)?.[1];
    expect(pdf).toBeDefined();
    expect((await uploadsStorage().get(pdf!.replace("/uploads/", "")))?.bytes.toString()).toContain("annual report");
    expect(post.bodyMarkdown).toContain(`[report.pdf](${pdf})`);
    expect(post.bodyMarkdown).toContain(`![Relative](${post.coverImageUrl})`);
    // Nothing that was imported is left pointing at the old site.
    expect(post.bodyMarkdown).not.toContain(`${uploads}/report.pdf`);
    expect(post.bodyMarkdown).not.toContain("/wp-content/uploads/2024/05/photo");
    expect(post.bodyMarkdown).toContain(`${uploads}/missing.pdf`);
    expect(post.bodyMarkdown).toContain("https://elsewhere.example/picture.jpg");
    expect(report.problems).toEqual(
      expect.arrayContaining([
        `Post 6 “With media”: ${uploads}/missing.pdf was not downloaded: the server answered HTTP 404.`,
        `Post 6 “With media”: ${uploads}/page.jpg is neither an image (JPEG, PNG, GIF, WebP) nor a document (PDF, office, text), so it was not imported.`,
        `Post 6 “With media”: ${uploads}/huge.pdf was not downloaded: it is larger than 20 MB.`,
      ]),
    );
    // Only the old site's own uploads are fetched, each once.
    expect(requested.every((url) => url.startsWith("/wp-content/uploads/"))).toBe(true);
    expect(requested.filter((url) => url.endsWith("/photo.jpg"))).toHaveLength(1);

    // Again: nothing is downloaded twice.
    requested.length = 0;
    await importWordPressFile(file, { ...DEFAULT_IMPORT_OPTIONS, downloadMedia: true });
    expect(requested.filter((url) => url.endsWith("/photo.jpg") || url.endsWith("/report.pdf"))).toEqual([]);
  });
});

describe("an export pointing at this machine or a private network", () => {
  const secret = (base: string) => `${base}/wp-content/uploads/2024/05/secret.jpg`;
  const internalBase = () => `http://127.0.0.1:${internalPort}`;

  it.each([
    ["its own address (plain)", () => internalBase(), () => [secret(internalBase())]],
    ["../ out of the uploads folder", () => site, () => [`${site}/wp-content/uploads/../../internal/secret.txt`, `${site}/wp-content/uploads/%2e%2e/%2E%2E/internal/secret.txt`, "../../internal/secret.txt", `http://127.0.0.1:${internalPort}/wp-content/uploads/2024/05/x.jpg`]],
    ["../ on a site at a private address", () => internalBase(), () => [`${internalBase()}/wp-content/uploads/../../internal/secret.txt`, "../../../internal/secret.txt"]],
    ["a redirect to it", () => site, () => [`${site}/wp-content/uploads/2024/05/moved.jpg`]],
    ["its IPv6-mapped address", () => `http://[::ffff:127.0.0.1]:${internalPort}`, () => [secret(`http://[::ffff:127.0.0.1]:${internalPort}`)]],
    ["its decimal address", () => `http://2130706433:${internalPort}`, () => [secret(`http://2130706433:${internalPort}`)]],
    ["the cloud metadata address", () => "http://169.254.169.254", () => [secret("http://169.254.169.254")]],
  ])("fetches nothing through %s", async (_name, base, addresses) => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "docket-ssrf-")), "export.xml");
    const siteUrl = base();
    const content = addresses().map((address) => `<img src="${address}" alt="x"> <a href="${address}">file</a>`).join("\n\n");
    await writeWxrFile(file, {
      site: { title: "Old site", link: siteUrl, description: "", language: "en", baseSiteUrl: siteUrl, baseBlogUrl: siteUrl },
      authors: [{ id: 1, login: "editor", email: "", displayName: "The Editor", firstName: "", lastName: "" }],
      items: [
        item({ postId: 11, title: "secret", postType: "attachment", status: "inherit", postParent: 12, attachmentUrl: addresses()[0] }),
        item({ postId: 12, title: "Pointing inside", postType: "post", postName: `pointing-inside-${Date.now()}`, content, meta: [{ key: "_thumbnail_id", value: "11" }] }),
      ],
    });
    const filesBefore = await storedKeys();
    const report = await importWordPressFile(file, { ...DEFAULT_IMPORT_OPTIONS, downloadMedia: true });
    expect(internalHits).toEqual([]);
    expect(await storedKeys()).toEqual(filesBefore);
    // What was refused says why; what is not in the old site's uploads folder was never a download.
    for (const line of report.problems.filter((problem) => problem.includes("was not downloaded"))) expect(line).toMatch(/its address is on a private, local or reserved network|more than|HTTP 404/);
    const link = await db().wordPressLink.findFirstOrThrow({ where: { kind: "post", wpKey: "12", siteUrl: siteUrl.replace(/\/+$/, "") } });
    const post = await db().post.findUniqueOrThrow({ where: { id: link.docketId } });
    expect(post.bodyMarkdown).not.toMatch(/\]\(\/uploads\/|<\/uploads\//);
  });
});

async function storedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of uploadsStorage().keys()) keys.push(key);
  return keys.sort();
}
