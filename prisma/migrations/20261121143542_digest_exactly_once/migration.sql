-- AlterTable
ALTER TABLE "DigestRun" ADD COLUMN     "uncertainCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "DigestDelivery" ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "DigestRun_windowStart_key" ON "DigestRun"("windowStart");
