// Every command, run by nobody and by each role, against the reviewed table tests/command-permissions.txt.
// The expected answer comes from that table only, never from a command's own access declaration: a
// restore or an import declared with a writer's permission fails here.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@/lib/action";
import type { SessionUser } from "@/lib/auth";
import { AuthorizationError, NOT_ALLOWED } from "@/lib/errors";
import type { Role } from "@/generated/prisma/enums";
import * as backup from "@/features/backup/commands";
import * as categories from "@/features/categories/commands";
import * as comments from "@/features/comments/commands";
import * as moderation from "@/features/comments/moderation/commands";
import * as complaints from "@/features/complaints/commands";
import * as digest from "@/features/digest/commands";
import * as legal from "@/features/legal/commands";
import * as media from "@/features/media/commands";
import * as menus from "@/features/menus/commands";
import * as pages from "@/features/pages/commands";
import * as people from "@/features/people/commands";
import * as posts from "@/features/posts/commands";
import * as corrections from "@/features/posts/corrections/commands";
import * as replies from "@/features/posts/replies/commands";
import * as previewLinks from "@/features/preview-links/commands";
import * as series from "@/features/series/commands";
import * as site from "@/features/site/commands";
import * as subscriptions from "@/features/subscriptions/commands";
import * as tags from "@/features/tags/commands";
import * as wordpress from "@/features/wordpress/commands";
import { createCast, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

const projectRoot = path.resolve(import.meta.dirname, "../..");

/** Every commands.ts, by its folder under src/features. */
const COMMAND_MODULES: Record<string, Record<string, unknown>> = {
  backup,
  categories,
  comments,
  "comments/moderation": moderation,
  complaints,
  digest,
  legal,
  media,
  menus,
  pages,
  people,
  posts,
  "posts/corrections": corrections,
  "posts/replies": replies,
  "preview-links": previewLinks,
  series,
  site,
  subscriptions,
  tags,
  wordpress,
};

type AnyCommand = Parameters<typeof runCommand>[0];
const ROLES: Role[] = ["ADMIN", "EDITOR", "AUTHOR", "GUEST"];

/** A command is what the pipeline runs: an object with an input schema and a run function. */
const isCommand = (value: unknown): value is AnyCommand => typeof value === "object" && value !== null && "run" in value && "input" in value;

const commands = Object.entries(COMMAND_MODULES).flatMap(([folder, module]) =>
  Object.entries(module)
    .filter((entry): entry is [string, AnyCommand] => isCommand(entry[1]))
    .map(([name, command]) => ({ name: `${folder}/${name}`, command })),
);

type Who = "anyone" | "signed-in" | Role[];

async function readReviewedTable(): Promise<Map<string, Who>> {
  const text = await readFile(path.join(projectRoot, "tests/command-permissions.txt"), "utf8");
  const rows = new Map<string, Who>();
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    // The command, then the roles (or "anyone", "signed-in"), then the reason in words.
    const [name, ...words] = line.trim().split(/\s+/);
    if (words[0] === "anyone" || words[0] === "signed-in") rows.set(name, words[0]);
    else rows.set(name, words.slice(0, words.findIndex((word) => !(ROLES as string[]).includes(word))) as Role[]);
  }
  return rows;
}

let table: Map<string, Who>;
let cast: Awaited<ReturnType<typeof createCast>>;
beforeAll(async () => {
  table = await readReviewedTable();
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
});

/** How the pipeline answers this caller, with an input no command accepts: refused, or let through to the parse. */
async function answerTo(command: AnyCommand, actor: SessionUser | null): Promise<"signed-out" | "forbidden" | "let through"> {
  const error = await runCommand(command, actor, { nonsense: "\u0000".repeat(3) }).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (error instanceof AuthorizationError) {
    if (error.failure === "FORBIDDEN") expect(error.message).toBe(NOT_ALLOWED);
    return error.failure === "SIGNED_OUT" ? "signed-out" : "forbidden";
  }
  return "let through";
}

describe("the reviewed table of who may run each command", () => {
  it("has a row for every command, and every row names a command", async () => {
    const names = commands.map((entry) => entry.name).sort();
    expect(names.length).toBeGreaterThanOrEqual(60);
    expect([...table.keys()].sort()).toEqual(names);
  });

  it("covers every commands.ts under src/features", async () => {
    const { glob } = await import("node:fs/promises");
    const files: string[] = [];
    for await (const file of glob("src/features/**/commands.ts", { cwd: projectRoot })) files.push(path.dirname(path.relative("src/features", file)));
    expect(files.sort()).toEqual(Object.keys(COMMAND_MODULES).sort());
  });

  it("matches what the pipeline does for nobody and for each role", async () => {
    const mismatches: string[] = [];
    for (const { name, command } of commands) {
      const who = table.get(name);
      if (!who) continue;
      const expectedFor = (actor: Role | null) => {
        if (who === "anyone") return "let through";
        if (actor === null) return "signed-out";
        return who === "signed-in" || who.includes(actor) ? "let through" : "forbidden";
      };
      for (const actor of [null, ...ROLES]) {
        const answer = await answerTo(command, actor === null ? null : cast[actor]);
        if (answer !== expectedFor(actor)) mismatches.push(`${name} as ${actor ?? "nobody"}: ${answer}, the table says ${expectedFor(actor)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
