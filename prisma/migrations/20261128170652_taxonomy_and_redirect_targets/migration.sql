-- CreateEnum
CREATE TYPE "RedirectTargetType" AS ENUM ('POST', 'PAGE', 'SERIES', 'CATEGORY', 'TAG', 'AUTHOR');

-- DropForeignKey
ALTER TABLE "Redirect" DROP CONSTRAINT "Redirect_postId_fkey";

-- AlterTable
ALTER TABLE "Series" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "coverImageAlt" TEXT,
ADD COLUMN     "coverImageUrl" TEXT,
ADD COLUMN     "showsTeaser" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "sponsorEndsOn" DATE,
ADD COLUMN     "sponsorLogoAlt" TEXT,
ADD COLUMN     "sponsorLogoUrl" TEXT,
ADD COLUMN     "sponsorStartsOn" DATE,
ADD COLUMN     "sponsorStrapline" TEXT;

-- AlterTable
-- Written by hand around what the schema engine generated (which drops "postId" and adds NOT NULL
-- columns, failing on any table with rows): every existing redirect led to a post, so each row
-- becomes a POST target with the same id. The end state is the generated one.
-- tests/integration/redirects.test.ts checks that existing rows survive this migration.
ALTER TABLE "Redirect" ADD COLUMN     "suffix" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "targetId" TEXT,
ADD COLUMN     "targetType" "RedirectTargetType";

UPDATE "Redirect" SET "targetType" = 'POST', "targetId" = "postId";

ALTER TABLE "Redirect" ALTER COLUMN "targetId" SET NOT NULL,
ALTER COLUMN "targetType" SET NOT NULL,
DROP COLUMN "postId";

-- CreateIndex
CREATE INDEX "Redirect_targetType_targetId_idx" ON "Redirect"("targetType", "targetId");
