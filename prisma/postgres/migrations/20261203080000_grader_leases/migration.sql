-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "graderHost" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "RegradeEntry" ADD COLUMN     "leaseUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "GraderHost" (
    "name" TEXT NOT NULL,
    "poolSize" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),
    "graded" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "GraderHost_pkey" PRIMARY KEY ("name")
);

