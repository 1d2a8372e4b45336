// Post writes outside the post store: the editors' notes. Everything written to Post, Revision,
// PostAuthor and PostTag goes through store.ts.
import "server-only";
import { db } from "@/lib/db";

export async function addEditorialNote(postId: string, editorId: string, body: string) {
  return db().editorialNote.create({ data: { postId, authorId: editorId, body }, select: { id: true } });
}
