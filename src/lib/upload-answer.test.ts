import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { readUploadAnswer, uploadImageFile } from "./upload-answer";

describe("readUploadAnswer", () => {
  it("reads Docket's own JSON answer", async () => {
    const response = new Response(JSON.stringify({ error: "Choose a file.", fieldErrors: { export: "Choose a file." } }), { status: 400, headers: { "content-type": "application/json" } });
    expect(await readUploadAnswer(response)).toEqual({ error: "Choose a file.", fieldErrors: { export: "Choose a file." } });
  });

  it("explains an answer from a server or proxy in between instead of failing to parse it", async () => {
    expect(await readUploadAnswer(new Response("", { status: 431 }))).toEqual({ error: "The server refused the upload (HTTP 431). Nothing was changed." });
    const tooLarge = new Response("<html>Too large</html>", { status: 413, headers: { "content-type": "text/html" } });
    expect((await readUploadAnswer(tooLarge, "Use the command line.")).error).toBe("The file is larger than the server accepts (HTTP 413). Use the command line.");
  });
});

describe("uploadImageFile", () => {
  it("says what the server or a proxy in between refused, and when nothing answered", async () => {
    // A server answering as a proxy would (HTML 413), as Docket does (JSON), and with an upload's address.
    const answers: Record<string, (response: ServerResponse) => void> = {
      "/proxy": (response) => response.writeHead(413, { "content-type": "text/html" }).end("<html>413 Request Entity Too Large</html>"),
      "/refused": (response) => response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "That file is not an image." })),
      "/stored": (response) => response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ url: "/uploads/a.webp" })),
    };
    const server = createServer((request, response) => request.resume().on("end", () => answers[request.url ?? ""](response)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const file = new File([new Uint8Array([1, 2, 3])], "picture.png", { type: "image/png" });
    try {
      await expect(uploadImageFile(file, `${base}/proxy`)).rejects.toThrow("The file is larger than the server accepts (HTTP 413).");
      await expect(uploadImageFile(file, `${base}/refused`)).rejects.toThrow("That file is not an image.");
      await expect(uploadImageFile(file, `${base}/stored`)).resolves.toEqual({ url: "/uploads/a.webp" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await expect(uploadImageFile(file, `${base}/stored`)).rejects.toThrow("The upload failed: the server could not be reached.");
  });
});
