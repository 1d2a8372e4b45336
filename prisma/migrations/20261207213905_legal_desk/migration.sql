-- CreateEnum
CREATE TYPE "LegalCaseState" AS ENUM ('ACTIVE', 'INACTIVE', 'CONCLUDED');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "legalReviewer" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "LegalCase" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "court" TEXT NOT NULL DEFAULT '',
    "reference" TEXT NOT NULL DEFAULT '',
    "state" "LegalCaseState" NOT NULL DEFAULT 'ACTIVE',
    "activeFrom" TIMESTAMP(3),
    "restrictions" JSONB NOT NULL DEFAULT '[]',
    "protectedTerms" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LegalCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostCaseLink" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "caseId" TEXT,
    "linkedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostCaseLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalClearance" (
    "id" TEXT NOT NULL,
    "revisionId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "note" TEXT NOT NULL,
    "overridden" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegalClearance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalHold" (
    "postId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "heldById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegalHold_pkey" PRIMARY KEY ("postId")
);

-- CreateIndex
CREATE INDEX "PostCaseLink_caseId_idx" ON "PostCaseLink"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "PostCaseLink_postId_caseId_key" ON "PostCaseLink"("postId", "caseId");

-- CreateIndex
CREATE UNIQUE INDEX "LegalClearance_revisionId_key" ON "LegalClearance"("revisionId");

-- CreateIndex
CREATE INDEX "LegalClearance_postId_idx" ON "LegalClearance"("postId");

-- AddForeignKey
ALTER TABLE "PostCaseLink" ADD CONSTRAINT "PostCaseLink_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostCaseLink" ADD CONSTRAINT "PostCaseLink_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "LegalCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalHold" ADD CONSTRAINT "LegalHold_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;
