-- AlterTable
ALTER TABLE "ProblemSet" ADD COLUMN     "inTotal" TEXT NOT NULL DEFAULT 'auto',
ADD COLUMN     "totalWeight" DOUBLE PRECISION NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "Submission_itemId_userId_createdAt_idx" ON "Submission"("itemId", "userId", "createdAt");

