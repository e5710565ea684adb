-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "graderHost" TEXT;
ALTER TABLE "Submission" ADD COLUMN "leaseUntil" DATETIME;

-- AlterTable
ALTER TABLE "RegradeEntry" ADD COLUMN "leaseUntil" DATETIME;

-- CreateTable
CREATE TABLE "GraderHost" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "poolSize" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" DATETIME,
    "graded" INTEGER NOT NULL DEFAULT 0
);

