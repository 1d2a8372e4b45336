-- CreateEnum
CREATE TYPE "CorrectionKind" AS ENUM ('CORRECTION', 'CLARIFICATION');

-- CreateTable
CREATE TABLE "Correction" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "revisionId" TEXT NOT NULL,
    "kind" "CorrectionKind" NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "Correction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Correction_postId_publishedAt_idx" ON "Correction"("postId", "publishedAt");

-- CreateIndex
CREATE INDEX "Correction_publishedAt_idx" ON "Correction"("publishedAt");

-- AddForeignKey
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision"("id") ON DELETE CASCADE ON UPDATE CASCADE;
