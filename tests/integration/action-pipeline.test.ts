// The one action pipeline (src/lib/action.ts): a command's work and its audit entry commit together or
// not at all, and every error becomes an answer the form can show. Who may run which command is
// tests/integration/command-permissions.test.ts.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineCommand, httpStatusOf, parseInput, runCommand, runRoute, SOMETHING_WENT_WRONG, toActionFailure } from "@/lib/action";
import { db } from "@/lib/db";
import { AuthorizationError, InputError, NOT_ALLOWED, UserFacingError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/queue";
import { PERMISSIONS_BY_ROLE } from "@/lib/permissions";
import { consumeRateLimit } from "@/lib/rate-limit";
import { createCast, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

// runRoute looks the session up through Next's request context, which only a running server has: here
// every route request comes from someone signed out.
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

let cast: Awaited<ReturnType<typeof createCast>>;
beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
});

/** Makes a tag, queues an email about it, and fails afterwards when told to: the audit step names the tag. */
const makeTag = defineCommand({
  access: "tags.manage",
  input: z.object({ name: z.string(), failAfterwards: z.boolean().default(false) }),
  async run({ name, failAfterwards }) {
    const tag = await db().tag.create({ data: { name, slug: name } });
    await queueMail({ to: "editor@docket.test", subject: `Tag ${name}`, html: "<p>x</p>", text: "x" });
    if (failAfterwards) throw new UserFacingError("Changed my mind.");
    return { message: "Made.", data: { tagId: tag.id } };
  },
  audit: ({ name }, { data }) => ({ action: "tag.made", entityType: "Tag", entityId: data.tagId, details: { name } }),
});

const mailsAbout = (name: string) => db().$queryRaw<{ id: string }[]>`SELECT id FROM pgboss.job WHERE name = 'mail' AND data->>'subject' = ${`Tag ${name}`}`;

describe("one transaction per command", () => {
  it("commits the work, its audit entry (with who did it) and the email it queued together", async () => {
    const { data } = await runCommand(makeTag, cast.EDITOR, { name: "kept" });
    expect(await db().tag.count({ where: { id: data.tagId } })).toBe(1);
    expect(await db().auditLog.findMany({ where: { entityId: data.tagId }, select: { action: true, actorId: true, details: true } })).toEqual([
      { action: "tag.made", actorId: cast.EDITOR.id, details: { name: "kept" } },
    ]);
    expect(await mailsAbout("kept")).toHaveLength(1);
  });

  it("keeps none of them when the command fails after doing its work", async () => {
    await expect(runCommand(makeTag, cast.EDITOR, { name: "dropped", failAfterwards: true })).rejects.toThrow("Changed my mind.");
    expect(await db().tag.count({ where: { name: "dropped" } })).toBe(0);
    expect(await db().auditLog.count({ where: { action: "tag.made", details: { equals: { name: "dropped" } } } })).toBe(0);
    expect(await mailsAbout("dropped")).toHaveLength(0);
  });

  it("still counts a rate-limited attempt when the command that made it fails", async () => {
    const counting = defineCommand({
      access: "public",
      input: z.object({}),
      async run() {
        await consumeRateLimit("pipeline-test", { limit: 5, windowSeconds: 3600 });
        throw new UserFacingError("Refused after counting.");
      },
    });
    await expect(runCommand(counting, null, {})).rejects.toThrow("Refused after counting.");
    expect((await consumeRateLimit("pipeline-test", { limit: 5, windowSeconds: 3600 })).remaining).toBe(3);
  });
});

describe("route handlers through the pipeline", () => {
  const echo = defineCommand({
    access: "public",
    input: z.object({ title: z.string().min(1, "Give it a title.") }),
    async run({ title }) {
      if (title === "busy") throw new UserFacingError("Too many requests: wait a minute.", 429);
      return { message: `Got ${title}.`, data: { length: title.length } };
    },
  });

  it("answer JSON with the message and data, or the error with the status that goes with it", async () => {
    const ok = await runRoute(echo, { title: "Hello" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(await ok.json()).toEqual({ message: "Got Hello.", data: { length: 5 } });
    const invalid = await runRoute(echo, { title: "" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: "Give it a title.", fieldErrors: { title: "Give it a title." } });
    expect((await runRoute(echo, { title: "busy" })).status).toBe(429);
    const custom = await runRoute(echo, { title: "Hi" }, { ok: ({ data }) => new Response(String(data.length), { status: 201 }) });
    expect([custom.status, await custom.text()]).toEqual([201, "2"]);
  });

  it("refuse a caller without the permission before reading the input", async () => {
    let inputRead = false;
    const response = await runRoute(makeTag, () => {
      inputRead = true;
      return { name: "never" };
    });
    expect(response.status).toBe(401);
    expect(inputRead).toBe(false);
    expect(await db().tag.count({ where: { name: "never" } })).toBe(0);
  });
});

describe("the role table", () => {
  it("gives editors everything authors have, and admins everything editors have", () => {
    for (const permission of PERMISSIONS_BY_ROLE.AUTHOR) expect(PERMISSIONS_BY_ROLE.EDITOR).toContain(permission);
    for (const permission of PERMISSIONS_BY_ROLE.GUEST) expect(PERMISSIONS_BY_ROLE.AUTHOR).toContain(permission);
    for (const permission of PERMISSIONS_BY_ROLE.EDITOR) expect(PERMISSIONS_BY_ROLE.ADMIN).toContain(permission);
  });
});

describe("answers", () => {
  const echo = defineCommand({ access: "public", input: z.object({ title: z.string().min(1, "Give it a title.") }), run: async ({ title }) => ({ message: title }) });

  it("turns a refusal, bad input, a user-facing error and anything else into a message, never a throw", () => {
    expect(toActionFailure(new AuthorizationError("FORBIDDEN"))).toEqual({ ok: false, error: NOT_ALLOWED, fieldErrors: {} });
    expect(toActionFailure(new InputError("Check the title.", { title: "Too long." }))).toEqual({ ok: false, error: "Check the title.", fieldErrors: { title: "Too long." } });
    expect(toActionFailure(new UserFacingError("That comment is gone."))).toEqual({ ok: false, error: "That comment is gone.", fieldErrors: {} });
    const log = console.error;
    console.error = () => {};
    try {
      expect(toActionFailure(new Error("connection reset"))).toEqual({ ok: false, error: SOMETHING_WENT_WRONG, fieldErrors: {} });
    } finally {
      console.error = log;
    }
  });

  it("names the field a zod issue is about", async () => {
    await expect(runCommand(echo, null, { title: "" })).rejects.toMatchObject({ message: "Give it a title.", fieldErrors: { title: "Give it a title." } });
    expect(() => parseInput(z.object({ a: z.number() }), { a: "x" })).toThrow(InputError);
    expect((await runCommand(echo, null, { title: "Hello" })).message).toBe("Hello");
  });

  it("gives route handlers the matching HTTP status", () => {
    expect(httpStatusOf(new AuthorizationError("SIGNED_OUT"))).toBe(401);
    expect(httpStatusOf(new AuthorizationError("FORBIDDEN"))).toBe(403);
    expect(httpStatusOf(new InputError("bad"))).toBe(400);
    expect(httpStatusOf(new UserFacingError("gone"))).toBe(409);
    expect(httpStatusOf(new Error("boom"))).toBe(500);
  });
});
