-- CreateEnum
CREATE TYPE "CorrectionKind" AS ENUM ('CORRECTION', 'CLARIFICATION');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('RECEIVED', 'ACKNOWLEDGED', 'INVESTIGATING', 'ESCALATED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "ComplaintOutcome" AS ENUM ('CORRECTED', 'CLARIFIED', 'REPLY_PUBLISHED', 'NOT_UPHELD');

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

-- CreateTable
CREATE TABLE "ReplyRequest" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "person" TEXT NOT NULL,
    "putAt" TIMESTAMP(3) NOT NULL,
    "how" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "response" TEXT,
    "respondedAt" TIMESTAMP(3),
    "revisionId" TEXT,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReplyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "postAddress" TEXT NOT NULL,
    "postId" TEXT,
    "clause" TEXT NOT NULL,
    "whatIsWrong" TEXT NOT NULL,
    "whatWouldPutItRight" TEXT NOT NULL,
    "status" "ComplaintStatus" NOT NULL DEFAULT 'RECEIVED',
    "outcome" "ComplaintOutcome",
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "acknowledgementReminderAt" TIMESTAMP(3),
    "resolutionReminderAt" TIMESTAMP(3),
    "ipHash" TEXT,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintNote" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplaintNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Correction_postId_publishedAt_idx" ON "Correction"("postId", "publishedAt");

-- CreateIndex
CREATE INDEX "Correction_publishedAt_idx" ON "Correction"("publishedAt");

-- CreateIndex
CREATE INDEX "ReplyRequest_postId_idx" ON "ReplyRequest"("postId");

-- CreateIndex
CREATE INDEX "ReplyRequest_deadline_idx" ON "ReplyRequest"("deadline");

-- CreateIndex
CREATE INDEX "Complaint_status_receivedAt_idx" ON "Complaint"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "Complaint_receivedAt_idx" ON "Complaint"("receivedAt");

-- CreateIndex
CREATE INDEX "ComplaintNote_complaintId_createdAt_idx" ON "ComplaintNote"("complaintId", "createdAt");

-- AddForeignKey
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyRequest" ADD CONSTRAINT "ReplyRequest_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyRequest" ADD CONSTRAINT "ReplyRequest_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintNote" ADD CONSTRAINT "ComplaintNote_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
