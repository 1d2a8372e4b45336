// The one action pipeline (src/lib/action.ts): every command's access rule comes from the role table,
// is checked before its input is even parsed, and every error becomes an answer the form can show.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand, httpStatusOf, parseInput, runCommand, SOMETHING_WENT_WRONG, toActionFailure } from "@/lib/action";
import type { SessionUser } from "@/lib/auth";
import { AuthorizationError, InputError, NOT_ALLOWED, UserFacingError } from "@/lib/errors";
import { can, PERMISSIONS_BY_ROLE } from "@/lib/permissions";
import type { Role } from "@/generated/prisma/enums";
import * as backupCommands from "@/features/backup/commands";
import * as categoryCommands from "@/features/categories/commands";
import * as commentCommands from "@/features/comments/commands";
import * as moderationCommands from "@/features/comments/moderation/commands";
import * as digestCommands from "@/features/digest/commands";
import * as mediaCommands from "@/features/media/commands";
import * as menuCommands from "@/features/menus/commands";
import * as pageCommands from "@/features/pages/commands";
import * as peopleCommands from "@/features/people/commands";
import * as postCommands from "@/features/posts/commands";
import * as previewLinkCommands from "@/features/preview-links/commands";
import * as seriesCommands from "@/features/series/commands";
import * as siteCommands from "@/features/site/commands";
import * as subscriptionCommands from "@/features/subscriptions/commands";
import * as tagCommands from "@/features/tags/commands";
import * as wordpressCommands from "@/features/wordpress/commands";
import { createCast, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

type AnyCommand = Parameters<typeof runCommand>[0];
const isCommand = (value: unknown): value is AnyCommand => typeof value === "object" && value !== null && "access" in value && "run" in value;

const allCommands = (Object.entries({
  ...backupCommands,
  ...categoryCommands,
  ...commentCommands,
  ...moderationCommands,
  ...digestCommands,
  ...mediaCommands,
  ...menuCommands,
  ...pageCommands,
  ...peopleCommands,
  ...postCommands,
  ...previewLinkCommands,
  ...seriesCommands,
  ...siteCommands,
  ...subscriptionCommands,
  ...tagCommands,
  ...wordpressCommands,
}) as [string, unknown][]).filter((entry): entry is [string, AnyCommand] => isCommand(entry[1]));

let cast: Awaited<ReturnType<typeof createCast>>;
beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
});

const roles: Role[] = ["ADMIN", "EDITOR", "AUTHOR", "GUEST"];

describe("every command's access", () => {
  it("finds the commands", () => {
    expect(allCommands.length).toBeGreaterThanOrEqual(35);
  });

  for (const [name, command] of allCommands.filter(([, command]) => command.access !== "public")) {
    it(`${name} (${command.access}): refused to the roles without it and to signed-out callers, before its input is read`, async () => {
      // A deliberately invalid input: a refusal must come before any complaint about the input.
      const invalid = { nonsense: "\u0000".repeat(3) };
      await expect(runCommand(command, null, invalid)).rejects.toMatchObject({ failure: "SIGNED_OUT" });
      for (const role of roles) {
        const user: SessionUser = cast[role];
        const access = command.access as Exclude<typeof command.access, "public">;
        const allowed = access === "signed-in" || can(user, access);
        const outcome = runCommand(command, user, invalid).then(
          () => "done",
          (error: unknown) => error,
        );
        if (allowed) expect(await outcome).not.toBeInstanceOf(AuthorizationError);
        else expect(await outcome).toMatchObject({ failure: "FORBIDDEN", message: NOT_ALLOWED });
      }
    });
  }
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
