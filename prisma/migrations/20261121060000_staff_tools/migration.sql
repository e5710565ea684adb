-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "reviewedAt" DATETIME;
ALTER TABLE "Submission" ADD COLUMN "reviewedById" TEXT;

-- CreateTable
CREATE TABLE "ExamSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "problemSetId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endsAt" DATETIME NOT NULL,
    CONSTRAINT "ExamSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExamSession_problemSetId_fkey" FOREIGN KEY ("problemSetId") REFERENCES "ProblemSet" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "line" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScoreOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "points" REAL NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScoreOverride_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScoreOverride_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RegradeRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'grading',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "appliedAt" DATETIME,
    CONSTRAINT "RegradeRun_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RegradeEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "oldVerdict" TEXT,
    "oldScore" REAL,
    "oldMaxScore" REAL,
    "newVerdict" TEXT,
    "newScore" REAL,
    "newMaxScore" REAL,
    "newResult" TEXT,
    "claimToken" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RegradeEntry_runId_fkey" FOREIGN KEY ("runId") REFERENCES "RegradeRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RegradeEntry_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExerciseCheck" (
    "exerciseId" TEXT NOT NULL PRIMARY KEY,
    "ok" BOOLEAN NOT NULL,
    "report" TEXT NOT NULL,
    "checkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProblemSet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'weekly',
    "opensAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "scorePolicy" TEXT NOT NULL DEFAULT 'best',
    "maxAttempts" INTEGER,
    "lateWork" TEXT NOT NULL DEFAULT 'penalty',
    "latePenaltyPerDay" REAL NOT NULL DEFAULT 0,
    "latePenaltyCap" REAL NOT NULL DEFAULT 100,
    "timeLimitMinutes" INTEGER,
    "feedback" TEXT NOT NULL DEFAULT 'full',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProblemSet_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ProblemSet" ("courseId", "createdAt", "description", "dueAt", "id", "kind", "opensAt", "published", "title") SELECT "courseId", "createdAt", "description", "dueAt", "id", "kind", "opensAt", "published", "title" FROM "ProblemSet";
DROP TABLE "ProblemSet";
ALTER TABLE "new_ProblemSet" RENAME TO "ProblemSet";
CREATE INDEX "ProblemSet_courseId_opensAt_idx" ON "ProblemSet"("courseId", "opensAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ExamSession_userId_problemSetId_key" ON "ExamSession"("userId", "problemSetId");

-- CreateIndex
CREATE INDEX "Comment_submissionId_createdAt_idx" ON "Comment"("submissionId", "createdAt");

-- CreateIndex
CREATE INDEX "ScoreOverride_submissionId_createdAt_idx" ON "ScoreOverride"("submissionId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_courseId_createdAt_idx" ON "AuditEvent"("courseId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "RegradeRun_courseId_createdAt_idx" ON "RegradeRun"("courseId", "createdAt");

-- CreateIndex
CREATE INDEX "RegradeEntry_status_createdAt_idx" ON "RegradeEntry"("status", "createdAt");

-- CreateIndex
CREATE INDEX "RegradeEntry_runId_idx" ON "RegradeEntry"("runId");

