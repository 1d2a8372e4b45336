// The rules every revisioned document follows (posts in store.ts, static pages in
// features/pages/mutations.ts), in one place:
// - a save names the revision its writer started from; one that started from an older revision than
//   the latest is refused as a conflict, unless it holds exactly what the latest holds;
// - a save that changes nothing keeps no revision;
// - a published document keeps showing its live revision: saves make a working copy, and only an
//   explicit Update moves what readers get; any other document shows its latest revision at once.

export type SaveDecision = "unchanged" | "conflict" | "new-revision";

/** `baseRevisionId` null: a save with no editor behind it (an import, a restore of an old version). */
export function decideSave(input: { latestId: string; baseRevisionId: string | null; sameAsLatest: boolean }): SaveDecision {
  if (input.sameAsLatest) return "unchanged";
  if (input.baseRevisionId !== null && input.baseRevisionId !== input.latestId) return "conflict";
  return "new-revision";
}

/** Whether a new revision shows at once (true) or waits as a working copy for Update (false). */
export function showsAtOnce(status: string): boolean {
  return status !== "PUBLISHED";
}
