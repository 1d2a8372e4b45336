import { describe, expect, it } from "vitest";
import { readUploadAnswer } from "./upload-answer";

describe("readUploadAnswer", () => {
  it("reads Docket's own JSON answer", async () => {
    const response = new Response(JSON.stringify({ error: "Choose a file.", fieldErrors: { export: "Choose a file." } }), { status: 400, headers: { "content-type": "application/json" } });
    expect(await readUploadAnswer(response)).toEqual({ error: "Choose a file.", fieldErrors: { export: "Choose a file." } });
  });

  it("explains an answer from a server or proxy in between instead of failing to parse it", async () => {
    expect(await readUploadAnswer(new Response("", { status: 431 }))).toEqual({ error: "The server refused the upload (HTTP 431). Nothing was changed." });
    expect((await readUploadAnswer(new Response("<html>Too large</html>", { status: 413, headers: { "content-type": "text/html" } }))).error).toMatch(/larger than the server accepts/);
  });
});
