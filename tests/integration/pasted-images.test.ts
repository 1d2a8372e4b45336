// What a paste's images become on the server (convertPastedHtml): an image on a public site is copied
// into uploads through the upload checks, one on a private address or one that cannot be fetched or
// is not an image becomes a placeholder asking for its file, as does a file on the writer's computer;
// the site's own uploads stay as they are. A local server on 127.0.0.2 stands in for the internet.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@/lib/action";
import { db } from "@/lib/db";
import { convertPastedHtml } from "@/features/media/commands";
import { TEST_SITE, createCast, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

process.env.DOCKET_FETCH_ALLOW_ADDRESSES = "127.0.0.2";

let cast: Awaited<ReturnType<typeof createCast>>;
let publicServer: Server;
let privateServer: Server;
let publicBase: string;
let privateBase: string;
const privateHits: string[] = [];

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
  const picture = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#446688" } }).png().toBuffer();
  publicServer = createServer((request, response) => {
    if (request.url?.startsWith("/docsz/picture")) return void response.writeHead(200, { "content-type": "image/png" }).end(picture);
    if (request.url === "/not-an-image.png") return void response.writeHead(200, { "content-type": "image/png" }).end("<html>a login page</html>");
    response.writeHead(404).end();
  });
  publicBase = `http://127.0.0.2:${await listen(publicServer, "127.0.0.2")}`;
  privateServer = createServer((request, response) => {
    privateHits.push(request.url ?? "");
    response.writeHead(200, { "content-type": "image/png" }).end(picture);
  });
  privateBase = `http://127.0.0.1:${await listen(privateServer, "127.0.0.1")}`;
});

afterAll(async () => {
  await new Promise((resolve) => publicServer.close(resolve));
  await new Promise((resolve) => privateServer.close(resolve));
});

const paste = (html: string) => runCommand(convertPastedHtml, cast.GUEST, { html });

describe("a paste's images", () => {
  it("copies a public site's image into uploads, re-encoded, and keeps its description", async () => {
    const before = await db().mediaAsset.count();
    const { data } = await paste(`<p>Notes.</p><p><img src="${publicBase}/docsz/picture?key=abc" alt="A notebook open on a desk"></p>`);
    expect(data.markdown).toMatch(/^Notes\.\n\n!\[A notebook open on a desk\]\(\/uploads\/\d{4}\/\d{2}\/[0-9a-f]+\.webp\)\n$/);
    expect(data).toMatchObject({ copied: 1, placeholders: 0 });
    const asset = await db().mediaAsset.findFirstOrThrow({ where: { path: data.markdown.match(/\((\/uploads\/[^)]+)\)/)![1] } });
    expect(asset).toMatchObject({ mimeType: "image/webp", width: 40, height: 30, uploadedById: cast.GUEST.id });
    expect(await db().mediaAsset.count()).toBe(before + 1);
  });

  it("makes a placeholder of an image it must not or cannot fetch, never reaching a private address", async () => {
    const { data } = await paste(
      `<p><img src="${privateBase}/secret.png" alt="Internal"></p>` +
        `<p><img src="${publicBase}/missing.jpg" alt="Gone"></p>` +
        `<p><img src="${publicBase}/not-an-image.png" alt="A page"></p>` +
        `<p><img src="file:///C:/Users/me/AppData/Local/Temp/clip_image002.jpg" alt="From Word"></p>` +
        `<p><img src="/media/relative.gif" alt="Relative"></p>`,
    );
    expect(data.markdown).toBe(
      "![Internal](missing-image:secret.png)\n\n![Gone](missing-image:missing.jpg)\n\n![A page](missing-image:not-an-image.png)\n\n![From Word](missing-image:clip_image002.jpg)\n\n![Relative](missing-image:relative.gif)\n",
    );
    expect(data).toMatchObject({ copied: 0, placeholders: 5 });
    expect(privateHits).toEqual([]);
  });

  it("keeps the site's own uploads as they are, by path", async () => {
    const { data } = await paste(`<p><img src="${TEST_SITE}/uploads/2026/01/own.webp" alt="Ours"> <img src="/uploads/2026/01/also.webp" alt="Also ours"></p>`);
    expect(data.markdown).toBe("![Ours](/uploads/2026/01/own.webp) ![Also ours](/uploads/2026/01/also.webp)\n");
    expect(data).toMatchObject({ copied: 0, placeholders: 0 });
  });
});
