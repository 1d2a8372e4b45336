// What the editor hook (use-saved-document.ts) and the servers that save documents (posts, pages)
// tell each other: a saved version, and what a save answers.

/** A saved version as the browser gets it: beside the writer's own in a conflict, or as the live text. */
export type EditorVersion<Fields> = { revisionId: string; number: number; savedAt: string; savedBy: string; fields: Fields };

/** A successful save: the revision the editor continues from, and whether readers still see an older one. */
export type SavedDocument = { slug: string; savedAt: string; revisionId: string; pending: boolean };
