// The import's author step. A WordPress author whose email address is also a Docket login's could be
// that person, or someone who wrote the login's address into an export to take over its byline ("Impostor
// of admin"). So the address alone never links them: the admin ticks each author to link, seeing the
// login it would join (its address and role), in the run's author step (or names it with --link-author
// on the command line). Authors linked by an earlier run stay linked.
import { z } from "zod";
import { findLink, findUsersByEmail } from "../data";
import { bylineName } from "./mapping";
import type { WordPressImportOptions } from "./import";
import { decodeName, type ImportPlan } from "./plan";

export const authorCandidateSchema = z.object({
  /** The WordPress author's login (the key the import links on). */
  login: z.string(),
  /** The name the byline would have. */
  name: z.string(),
  /** The Docket login with the same address, as the admin sees it. */
  loginEmail: z.string(),
  loginRole: z.string(),
});
export type AuthorCandidate = z.output<typeof authorCandidateSchema>;

/** Authors of the export whose address is a Docket login's and who are not linked yet, in the export's order. */
export async function authorsMatchingLogins(plan: ImportPlan): Promise<AuthorCandidate[]> {
  const authors = [
    ...[...plan.authors.values()].map((author) => ({ login: author.login, name: bylineName(author), email: author.email })),
    ...[...plan.guestAuthors.values()].filter((guest) => !plan.authors.has(guest.login)).map((guest) => ({ login: guest.login, name: decodeName(guest.displayName) || guest.login, email: guest.email })),
  ].filter((author) => author.email);
  const users = await findUsersByEmail([...new Set(authors.map((author) => author.email.toLowerCase()))]);
  const candidates: AuthorCandidate[] = [];
  for (const author of authors) {
    const user = users.get(author.email.toLowerCase());
    if (!user || (await findLink({ siteUrl: plan.siteUrl, kind: "author", wpKey: author.login }))) continue;
    candidates.push({ login: author.login, name: author.name, loginEmail: user.email, loginRole: user.role });
  }
  return candidates;
}

/** The options of a waiting run, as they are kept in the database (its category map as a list). */
const keptOptionsSchema = z.object({
  seriesTaxonomy: z.string(),
  taxonomiesAsTags: z.array(z.string()).default([]),
  skipPingbacks: z.boolean(),
  dryRun: z.boolean(),
  mediaFolder: z.string().nullable(),
  mediaHosts: z.array(z.string()).default([]),
  downloadMedia: z.boolean(),
  headerMenu: z.boolean(),
  categoryMap: z.object({ order: z.array(z.string()), target: z.array(z.tuple([z.string(), z.string().nullable()])) }).nullable(),
});

/** What a WAITING run keeps until the admin has answered: its file, its options, and whom to ask about. */
export const authorStepSchema = z.object({
  file: z.string(),
  source: z.string(),
  options: keptOptionsSchema,
  candidates: z.array(authorCandidateSchema),
});
export type AuthorStep = z.output<typeof authorStepSchema>;

export function keptOptions(options: WordPressImportOptions): AuthorStep["options"] {
  const { seriesTaxonomy, taxonomiesAsTags, skipPingbacks, dryRun, mediaFolder, mediaHosts, downloadMedia, headerMenu, categoryMap } = options;
  return { seriesTaxonomy, taxonomiesAsTags, skipPingbacks, dryRun, mediaFolder, mediaHosts, downloadMedia, headerMenu, categoryMap: categoryMap ? { order: categoryMap.order, target: [...categoryMap.target] } : null };
}

/** The run's options again, with the authors the admin chose to link. */
export function optionsAfterAuthorStep(kept: AuthorStep["options"], linkLogins: string[]): WordPressImportOptions {
  return { ...kept, categoryMap: kept.categoryMap ? { order: kept.categoryMap.order, target: new Map(kept.categoryMap.target) } : null, linkLogins };
}
