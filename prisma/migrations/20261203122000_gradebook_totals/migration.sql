-- AlterTable
ALTER TABLE "ProblemSet" ADD COLUMN "inTotal" TEXT NOT NULL DEFAULT 'auto';
ALTER TABLE "ProblemSet" ADD COLUMN "totalWeight" REAL NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "Submission_itemId_userId_createdAt_idx" ON "Submission"("itemId", "userId", "createdAt");
