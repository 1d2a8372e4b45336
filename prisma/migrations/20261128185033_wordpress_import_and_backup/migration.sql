-- CreateEnum
CREATE TYPE "ImportRunStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "siteUrl" TEXT,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "status" "ImportRunStatus" NOT NULL DEFAULT 'RUNNING',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "error" TEXT,
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WordPressLink" (
    "siteUrl" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "wpKey" TEXT NOT NULL,
    "docketId" TEXT NOT NULL,
    "checksum" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WordPressLink_pkey" PRIMARY KEY ("siteUrl","kind","wpKey")
);

-- CreateIndex
CREATE INDEX "ImportRun_startedAt_idx" ON "ImportRun"("startedAt");

-- CreateIndex
CREATE INDEX "WordPressLink_kind_wpKey_idx" ON "WordPressLink"("kind", "wpKey");

-- CreateIndex
CREATE INDEX "WordPressLink_kind_docketId_idx" ON "WordPressLink"("kind", "docketId");
