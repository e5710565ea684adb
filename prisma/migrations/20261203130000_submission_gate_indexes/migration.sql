-- CreateIndex
CREATE INDEX "Submission_userId_itemId_kind_createdAt_idx" ON "Submission"("userId", "itemId", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "Submission_userId_kind_createdAt_idx" ON "Submission"("userId", "kind", "createdAt");
