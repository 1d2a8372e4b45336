-- AlterEnum
ALTER TYPE "ImportRunStatus" ADD VALUE 'WAITING';

-- AlterTable
ALTER TABLE "PreviewLink" ADD COLUMN     "postPublishedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN     "authorStep" JSONB;

-- Written by hand, as data the change must carry over: a working link whose post is published now ends
-- when that post is unpublished, as every link does from now on (tests/integration/preview-links.test.ts).
UPDATE "PreviewLink" l SET "postPublishedAt" = coalesce(p."publishedAt", now())
  FROM "Post" p WHERE p.id = l."postId" AND p.status = 'PUBLISHED' AND l."revokedAt" IS NULL;
