// Keeps Post."searchVector" (the full-text search document) in step with what readers can search:
// title (weight A), standfirst and bylines (B), body (C). Bylines are display names only: a
// pseudonymous author's real name must never be findable.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";

function searchDocumentUpdate(where: Prisma.Sql) {
  // Link targets, bare URLs and raw tags in the markdown are not words a reader searches for.
  return Prisma.sql`
    UPDATE "Post" AS p
    SET "searchVector" =
      setweight(to_tsvector('english', p.title), 'A') ||
      setweight(to_tsvector('english', coalesce(p.standfirst, '')), 'B') ||
      setweight(to_tsvector('english', coalesce((
        SELECT string_agg(ap."displayName", ' ' ORDER BY pa.position)
        FROM "PostAuthor" pa
        JOIN "AuthorProfile" ap ON ap.id = pa."profileId"
        WHERE pa."postId" = p.id
      ), '')), 'B') ||
      setweight(to_tsvector('english',
        regexp_replace(
          regexp_replace(
            regexp_replace(p."bodyMarkdown", '\\]\\([^)]*\\)', '] ', 'g'),
            'https?://[^\\s)>\\]]+', ' ', 'g'),
          '<[^>]*>', ' ', 'g')
      ), 'C')
    ${where}`;
}

/** Rebuilds the search document of the given posts, or of every post when no ids are given. */
export async function refreshPostSearchDocuments(postIds?: string[]): Promise<number> {
  if (postIds && postIds.length === 0) return 0;
  const where = postIds ? Prisma.sql`WHERE p.id = ANY(${postIds}::text[])` : Prisma.empty;
  return db().$executeRaw(searchDocumentUpdate(where));
}

/** After a byline's display name changes: rebuilds the search document of every post it is on. */
export async function refreshAuthorSearchDocuments(profileId: string): Promise<number> {
  return db().$executeRaw(
    searchDocumentUpdate(
      Prisma.sql`WHERE p.id IN (SELECT "postId" FROM "PostAuthor" WHERE "profileId" = ${profileId})`,
    ),
  );
}
