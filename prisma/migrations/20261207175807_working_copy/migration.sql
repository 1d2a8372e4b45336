-- What readers see becomes a recorded revision (features/posts/store.ts). Structure as generated from
-- schema.prisma, and the data steps marked "Carried over" are written by hand: a revision now carries a
-- whole snapshot of the post, and a published post or page points at the revision readers get.

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "liveRevisionId" TEXT;

-- AlterTable (number and slug are filled below before they become NOT NULL)
ALTER TABLE "Revision" ADD COLUMN     "authorProfileIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "categoryId" TEXT,
ADD COLUMN     "commentsOpen" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "coverImageAlt" TEXT,
ADD COLUMN     "coverImageUrl" TEXT,
ADD COLUMN     "number" INTEGER,
ADD COLUMN     "scheduledFor" TIMESTAMP(3),
ADD COLUMN     "seriesId" TEXT,
ADD COLUMN     "seriesPosition" INTEGER,
ADD COLUMN     "slug" TEXT,
ADD COLUMN     "submittedAt" TIMESTAMP(3),
ADD COLUMN     "tagIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Page" ADD COLUMN     "liveRevisionId" TEXT;

-- AlterTable (as above)
ALTER TABLE "PageRevision" ADD COLUMN     "number" INTEGER,
ADD COLUMN     "slug" TEXT;

-- Carried over: every existing revision is numbered in the order it was saved, and gets the post's
-- current metadata (the only metadata ever recorded: revisions used to keep the text alone).
UPDATE "Revision" r SET "number" = n.number
  FROM (SELECT id, row_number() OVER (PARTITION BY "postId" ORDER BY "createdAt", id)::int AS number FROM "Revision") n
 WHERE r.id = n.id;
UPDATE "Revision" r
   SET "slug" = p.slug, "categoryId" = p."categoryId", "seriesId" = p."seriesId", "seriesPosition" = p."seriesPosition",
       "coverImageUrl" = p."coverImageUrl", "coverImageAlt" = p."coverImageAlt", "commentsOpen" = p."commentsOpen",
       "tagIds" = coalesce((SELECT array_agg(pt."tagId" ORDER BY pt."tagId") FROM "PostTag" pt WHERE pt."postId" = p.id), ARRAY[]::TEXT[]),
       "authorProfileIds" = coalesce((SELECT array_agg(pa."profileId" ORDER BY pa.position, pa."profileId") FROM "PostAuthor" pa WHERE pa."postId" = p.id), ARRAY[]::TEXT[])
  FROM "Post" p
 WHERE p.id = r."postId";

-- Carried over: a post whose text is not its latest revision's (or that has none) gets one more
-- revision holding exactly what it shows, so the live revision is always what readers get.
INSERT INTO "Revision" (id, "postId", "number", title, standfirst, "bodyMarkdown", slug, "categoryId", "seriesId", "seriesPosition",
                        "coverImageUrl", "coverImageAlt", "commentsOpen", "tagIds", "authorProfileIds", "createdAt")
SELECT 'm' || replace(gen_random_uuid()::text, '-', ''), p.id, coalesce(latest."number", 0) + 1, p.title, p.standfirst, p."bodyMarkdown", p.slug,
       p."categoryId", p."seriesId", p."seriesPosition", p."coverImageUrl", p."coverImageAlt", p."commentsOpen",
       coalesce((SELECT array_agg(pt."tagId" ORDER BY pt."tagId") FROM "PostTag" pt WHERE pt."postId" = p.id), ARRAY[]::TEXT[]),
       coalesce((SELECT array_agg(pa."profileId" ORDER BY pa.position, pa."profileId") FROM "PostAuthor" pa WHERE pa."postId" = p.id), ARRAY[]::TEXT[]),
       p."updatedAt"
  FROM "Post" p
  LEFT JOIN LATERAL (SELECT r."number", r.title, r.standfirst, r."bodyMarkdown" FROM "Revision" r WHERE r."postId" = p.id ORDER BY r."number" DESC LIMIT 1) latest ON true
 WHERE latest."number" IS NULL OR latest.title <> p.title OR latest.standfirst IS DISTINCT FROM p.standfirst OR latest."bodyMarkdown" <> p."bodyMarkdown";

-- Carried over: every published post's live revision is its latest one, which now holds its text.
UPDATE "Post" p SET "liveRevisionId" = (SELECT r.id FROM "Revision" r WHERE r."postId" = p.id ORDER BY r."number" DESC LIMIT 1)
 WHERE p.status = 'PUBLISHED';

-- Carried over: the same for pages.
UPDATE "PageRevision" r SET "number" = n.number
  FROM (SELECT id, row_number() OVER (PARTITION BY "pageId" ORDER BY "createdAt", id)::int AS number FROM "PageRevision") n
 WHERE r.id = n.id;
UPDATE "PageRevision" r SET "slug" = p.slug FROM "Page" p WHERE p.id = r."pageId";
INSERT INTO "PageRevision" (id, "pageId", "number", slug, title, description, "bodyMarkdown", "createdAt")
SELECT 'm' || replace(gen_random_uuid()::text, '-', ''), p.id, coalesce(latest."number", 0) + 1, p.slug, p.title, p.description, p."bodyMarkdown", p."updatedAt"
  FROM "Page" p
  LEFT JOIN LATERAL (SELECT r."number", r.title, r.description, r."bodyMarkdown" FROM "PageRevision" r WHERE r."pageId" = p.id ORDER BY r."number" DESC LIMIT 1) latest ON true
 WHERE latest."number" IS NULL OR latest.title <> p.title OR latest.description <> p.description OR latest."bodyMarkdown" <> p."bodyMarkdown";
UPDATE "Page" p SET "liveRevisionId" = (SELECT r.id FROM "PageRevision" r WHERE r."pageId" = p.id ORDER BY r."number" DESC LIMIT 1)
 WHERE p.status = 'PUBLISHED';

ALTER TABLE "Revision" ALTER COLUMN "number" SET NOT NULL, ALTER COLUMN "slug" SET NOT NULL;
ALTER TABLE "PageRevision" ALTER COLUMN "number" SET NOT NULL, ALTER COLUMN "slug" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Revision_scheduledFor_idx" ON "Revision"("scheduledFor");

-- CreateIndex
CREATE UNIQUE INDEX "Revision_postId_number_key" ON "Revision"("postId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PageRevision_pageId_number_key" ON "PageRevision"("pageId", "number");

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE SET NULL ON UPDATE CASCADE;
