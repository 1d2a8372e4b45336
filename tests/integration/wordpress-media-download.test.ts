// --download-media against a real HTTP server standing in for the old site: images and documents are
// fetched and stored (images re-encoded, documents as they are), and what is missing, too large, of another
// type or on another site is listed in the report and never fails the import.
import { createServer, type Server } from "node:http";
import { mkdtemp } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IMPORT_OPTIONS, importWordPressFile } from "@/features/wordpress/import";
import { MAX_DOCUMENT_BYTES } from "@/features/wordpress/import-media";
import { writeWxrFile } from "@/features/wordpress/wxr-writer";
import type { WxrItem } from "@/features/wordpress/wxr-types";
import { db } from "@/lib/db";
import { uploadsStorage } from "@/lib/storage";
import { openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

let server: Server;
let site: string;
const requested: string[] = [];

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
  server = createServer((request, response) => {
    requested.push(request.url ?? "");
    const file = files[request.url ?? ""];
    if (!file) {
      response.writeHead(404).end("Not found");
      return;
    }
    response.writeHead(200).end(file());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
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
    expect(post.bodyMarkdown).toContain(`${uploads}/missing.pdf`);
    expect(post.bodyMarkdown).toContain("https://elsewhere.example/picture.jpg");
    expect(report.problems).toEqual(
      expect.arrayContaining([
        `Post 6 “With media”: downloading ${uploads}/missing.pdf failed (HTTP 404).`,
        `Post 6 “With media”: ${uploads}/page.jpg is neither an image (JPEG, PNG, GIF, WebP) nor a document (PDF, office, text), so it was not imported.`,
        `Post 6 “With media”: ${uploads}/huge.pdf is larger than 20 MB and was not downloaded.`,
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
