// The redirect table's writes: an old address (an earlier slug, or a path on the site Docket
// replaced) and what lives there now, as a target type and id plus an optional suffix. Features
// write rows from their own mutations (a slug change, a merge, a deletion), the WordPress importer
// in bulk; src/features/redirects/data.ts resolves a row to the target's current address.
// Infrastructure like audit.ts: every content feature writes here, so it sits below them all.
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { RedirectTargetType } from "@/generated/prisma/enums";
import { db } from "@/lib/db";
import { decodeOrKeep } from "@/lib/percent-encoding";

export const REDIRECT_TARGET_TYPES = ["POST", "PAGE", "SERIES", "CATEGORY", "TAG", "AUTHOR"] as const satisfies readonly RedirectTargetType[];

export type RedirectTarget = { type: RedirectTargetType; id: string };

/** The database client or an open transaction. */
type Client = Prisma.TransactionClient;

/**
 * The path an old address is stored and looked up by: no origin, query or fragment, percent-decoding
 * undone ("/2013/04/caf%C3%A9/" → "/2013/04/café/"). A trailing slash is kept: the catch-all route
 * looks a path up with and without it. Null for the home page or something that is not an address.
 */
export function oldPathOf(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address.trim(), "http://old-site.invalid");
  } catch {
    return null;
  }
  const path = decodeOrKeep(url.pathname);
  return path === "/" ? null : path;
}

const pathText = z
  .string()
  .max(2000, "An old address is at most 2,000 characters.")
  .refine((path) => path.startsWith("/"), "An old address is a path starting with /.")
  .refine((path) => !/[?#\s]/.test(path), "An old address has no query, fragment or spaces (readers' requests are matched by path).");

/** One row as the importer (or any caller) hands it over. */
export const redirectRowSchema = z.object({
  fromPath: pathText.refine((path) => path !== "/", "The home page cannot redirect."),
  target: z.object({ type: z.enum(REDIRECT_TARGET_TYPES), id: z.string().min(1).max(40) }),
  /** Appended to the target's current address, e.g. "/feed.xml" for an old feed URL. */
  suffix: z
    .string()
    .max(200)
    .refine((suffix) => suffix === "" || (suffix.startsWith("/") && !/[?#\s]/.test(suffix)), "A suffix is empty or a path part starting with /, like /feed.xml.")
    .default(""),
});

export type RedirectRow = z.input<typeof redirectRowSchema>;

/**
 * Stores redirects in bulk (the importer): each row is validated, and a row for a path already in
 * the table replaces it. Returns how many were written.
 */
export async function saveRedirects(rows: RedirectRow[], client: Client = db()): Promise<number> {
  const parsed = rows.map((row) => redirectRowSchema.parse(row));
  for (const row of parsed) {
    const data = { targetType: row.target.type, targetId: row.target.id, suffix: row.suffix };
    await client.redirect.upsert({ where: { fromPath: row.fromPath }, update: data, create: { fromPath: row.fromPath, ...data } });
  }
  return parsed.length;
}

/** Something now lives at `path` itself, so a redirect stored for it would never be reached: it goes. */
export async function releaseAddress(client: Client, path: string): Promise<void> {
  await client.redirect.deleteMany({ where: { fromPath: path } });
}

/** A slug changed: the old address keeps leading to the target; the new one is the target's own. */
export async function keepOldAddress(client: Client, target: RedirectTarget, oldPath: string, newPath: string): Promise<void> {
  if (oldPath === newPath) return;
  await releaseAddress(client, newPath);
  const data = { targetType: target.type, targetId: target.id, suffix: "" };
  await client.redirect.upsert({ where: { fromPath: oldPath }, update: data, create: { fromPath: oldPath, ...data } });
}

/**
 * Everything that led to `from` leads to `to` instead (a merge, or a deletion whose posts moved),
 * or goes when `to` is null. Returns how many rows changed.
 */
export async function moveRedirects(client: Client, from: RedirectTarget, to: RedirectTarget | null): Promise<number> {
  const where = { targetType: from.type, targetId: from.id };
  if (!to) return (await client.redirect.deleteMany({ where })).count;
  return (await client.redirect.updateMany({ where, data: { targetType: to.type, targetId: to.id } })).count;
}
